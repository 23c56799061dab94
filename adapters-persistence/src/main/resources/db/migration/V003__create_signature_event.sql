-- One row per signature Signet released: which key version signed what (SHA-256 of the message or
-- of the caller's hash, never the payload), for which request. Append-only, like audit_event.

CREATE TABLE signature_event (
    seq            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL,
    tenant_id      uuid        NOT NULL,
    algorithm      text        NOT NULL,
    version        integer     NOT NULL,
    operation      text        NOT NULL CHECK (operation IN ('sign', 'sign-hash')),
    payload_sha256 bytea       NOT NULL CHECK (length(payload_sha256) = 32),
    request_id     uuid        NOT NULL
);
CREATE INDEX signature_event_by_request ON signature_event (request_id);
CREATE INDEX signature_event_by_tenant_time ON signature_event (tenant_id, at DESC);

CREATE TRIGGER signature_event_refuses_change
    BEFORE UPDATE OR DELETE ON signature_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_table();

CREATE TRIGGER signature_event_refuses_truncate
    BEFORE TRUNCATE ON signature_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_table();
