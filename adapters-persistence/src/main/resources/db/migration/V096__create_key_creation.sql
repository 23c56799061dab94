-- The creations a tenant's daily key quota counts (DESIGN §8, signet.quota.rotations-per-day): one
-- row per claim of a new version made through the quota, written in the claim's transaction. A claim
-- may make the HSM generate a key, so its row stays when the claim is released (a rotation that lost
-- a race with a retire, a generation that failed or was interrupted): what the quota bounds is how
-- fast a tenant can make the HSM generate keys, not how many versions survive. Each claim deletes
-- its tenant's rows that have left the 24 hours; nothing else reads or deletes them.
CREATE TABLE key_creation (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenant (id),
    algorithm  text        NOT NULL,
    version    integer     NOT NULL CHECK (version > 0),
    claimed_at timestamptz NOT NULL
);
CREATE INDEX key_creation_by_tenant ON key_creation (tenant_id, claimed_at);

-- The day before the upgrade, so that the upgrade gives no tenant a fresh day: the versions created
-- in the last 24 hours (the count of earlier releases) and the claims in progress.
INSERT INTO key_creation (tenant_id, algorithm, version, claimed_at)
SELECT tenant_id, algorithm, version, created_at FROM key_version
 WHERE created_at > now() - interval '24 hours'
UNION ALL
SELECT tenant_id, algorithm, version, claimed_at FROM key_claim;
