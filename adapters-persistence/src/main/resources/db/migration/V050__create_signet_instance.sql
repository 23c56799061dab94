-- Live Signet instances sharing this database: each one heartbeats its row; rate-limit budgets
-- are shared among the instances seen recently (issue 12). A stopping instance deletes its row.
CREATE TABLE signet_instance (
    instance_id uuid PRIMARY KEY,
    started_at  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL
);
CREATE INDEX signet_instance_last_seen ON signet_instance (last_seen);
