-- Two-phase reconciliation (DESIGN §8): an HSM object found orphaned (no live version, no claim)
-- is marked here by one pass and destroyed only by a later pass that still finds it orphaned.
-- Times are the database's, shared by every instance. No foreign key: an orphan's tenant may be
-- unknown to this database.
CREATE TABLE custody_orphan (
    tenant_id uuid        NOT NULL,
    algorithm text        NOT NULL,
    version   integer     NOT NULL CHECK (version > 0),
    marked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, algorithm, version)
);
