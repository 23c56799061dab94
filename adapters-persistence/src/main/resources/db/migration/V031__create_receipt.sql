-- Receipts of tenant responses (DESIGN §5.2): hashes only, never bodies. Kept for
-- signet.receipts.retention, then deleted in batches by any instance.

CREATE TABLE receipt (
    request_id      uuid        PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    request_sha256  bytea       NOT NULL CHECK (length(request_sha256) = 32),
    response_sha256 bytea       NOT NULL CHECK (length(response_sha256) = 32),
    at              timestamptz NOT NULL
);
CREATE INDEX receipt_by_time ON receipt (at);
