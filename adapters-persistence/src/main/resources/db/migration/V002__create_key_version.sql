-- Versioned keys: at most one active version per (tenant, algorithm), forward-only statuses.

CREATE TABLE key_version (
    tenant_id          uuid        NOT NULL REFERENCES tenant (id),
    algorithm          text        NOT NULL CHECK (algorithm IN ('mldsa65', 'mldsa65-p256')),
    version            integer     NOT NULL CHECK (version > 0),
    status             text        NOT NULL CHECK (status IN ('active', 'retired', 'archived')),
    public_key         bytea       NOT NULL,
    protection         text        NOT NULL CHECK (protection IN ('hsm', 'hsm-wrapped')),
    sealed_private_key bytea,
    created_at         timestamptz NOT NULL,
    retired_at         timestamptz,
    archived_at        timestamptz,
    PRIMARY KEY (tenant_id, algorithm, version),
    CHECK (status <> 'archived' OR sealed_private_key IS NULL),
    CHECK ((status = 'active') = (retired_at IS NULL)),
    CHECK ((status = 'archived') = (archived_at IS NOT NULL))
);

-- The single-active rule, enforced by the database whatever the application does.
CREATE UNIQUE INDEX key_version_one_active ON key_version (tenant_id, algorithm) WHERE status = 'active';

-- Statuses only move forward (active -> retired -> archived) and the key material never changes.
CREATE FUNCTION key_version_moves_forward() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NOT ((OLD.status = NEW.status)
         OR (OLD.status = 'active' AND NEW.status = 'retired')
         OR (OLD.status = 'retired' AND NEW.status = 'archived')) THEN
        RAISE EXCEPTION 'key_version may not move from % to %', OLD.status, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.public_key <> OLD.public_key OR NEW.protection <> OLD.protection
        OR NEW.created_at <> OLD.created_at
        OR (NEW.sealed_private_key IS NOT NULL AND NEW.sealed_private_key IS DISTINCT FROM OLD.sealed_private_key) THEN
        RAISE EXCEPTION 'key_version key material is immutable'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER key_version_lifecycle
    BEFORE UPDATE ON key_version
    FOR EACH ROW EXECUTE FUNCTION key_version_moves_forward();

CREATE FUNCTION key_version_is_kept() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'key_version rows are kept for audit: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER key_version_refuses_delete
    BEFORE DELETE ON key_version
    FOR EACH ROW EXECUTE FUNCTION key_version_is_kept();

-- A claim reserves the next version number while its key is generated in the HSM (outside any
-- transaction). The first claim wins; a claim left by a crash is swept by reconciliation.
CREATE TABLE key_claim (
    tenant_id  uuid        NOT NULL REFERENCES tenant (id),
    algorithm  text        NOT NULL,
    version    integer     NOT NULL CHECK (version > 0),
    claimed_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, algorithm, version)
);

CREATE TABLE key_policy (
    tenant_id          uuid        PRIMARY KEY REFERENCES tenant (id),
    rotate_after_days  integer     CHECK (rotate_after_days BETWEEN 1 AND 3650),
    archive_after_days integer     CHECK (archive_after_days BETWEEN 1 AND 3650),
    updated_at         timestamptz NOT NULL
);
