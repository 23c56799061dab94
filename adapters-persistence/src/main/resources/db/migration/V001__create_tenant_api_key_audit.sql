-- Tenants, their API keys (hash of the secret only) and the append-only audit log.

CREATE TABLE tenant (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    plan       text        NOT NULL CHECK (plan IN ('free', 'standard', 'enterprise')),
    created_at timestamptz NOT NULL
);

CREATE TABLE api_key (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenant (id),
    name          text        CHECK (name IS NULL OR char_length(name) BETWEEN 1 AND 100),
    scopes        text[]      NOT NULL CHECK (cardinality(scopes) > 0),
    secret_sha256 bytea       NOT NULL CHECK (length(secret_sha256) = 32),
    created_at    timestamptz NOT NULL,
    revoked_at    timestamptz
);
CREATE INDEX api_key_by_tenant ON api_key (tenant_id);

CREATE TABLE audit_event (
    seq        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor      text        NOT NULL,
    action     text        NOT NULL,
    target     text        NOT NULL,
    tenant_id  uuid,
    request_id uuid        NOT NULL
);
CREATE INDEX audit_event_by_time ON audit_event (at DESC, seq DESC);
CREATE INDEX audit_event_by_tenant_time ON audit_event (tenant_id, at DESC, seq DESC);

-- The audit log is append-only for every role, the application's included: the database refuses
-- UPDATE, DELETE and TRUNCATE whoever asks.
-- Shared by every append-only table.
CREATE FUNCTION refuse_change_to_append_only_table() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_refuses_change
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_table();

CREATE TRIGGER audit_event_refuses_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_table();
