-- The service's own keys (receipts, attestation, jwt). A version is first a 'pending' claim (made
-- before the HSM generates it, so that of several instances starting at once exactly one
-- generates), then 'current', then 'previous' when rotated away (kept for verification).

CREATE TABLE service_key (
    purpose            text        NOT NULL CHECK (purpose IN ('receipts', 'attestation', 'jwt')),
    algorithm          text        NOT NULL CHECK (algorithm IN ('ecdsa', 'ecdsa-p256', 'rsa', 'ml-dsa', 'ES256')),
    version            integer     NOT NULL CHECK (version > 0),
    status             text        NOT NULL CHECK (status IN ('pending', 'current', 'previous')),
    claimed_by         text        NOT NULL,
    claimed_at         timestamptz NOT NULL,
    public_key         bytea,
    address            text,
    protection         text        CHECK (protection IN ('hsm', 'hsm-wrapped')),
    sealed_private_key bytea,
    created_at         timestamptz,
    PRIMARY KEY (purpose, algorithm, version),
    CHECK (status = 'pending'
        OR (public_key IS NOT NULL AND address IS NOT NULL AND protection IS NOT NULL
            AND created_at IS NOT NULL
            AND (protection = 'hsm-wrapped') = (sealed_private_key IS NOT NULL)))
);

-- At most one current and at most one pending version per purpose and algorithm.
CREATE UNIQUE INDEX service_key_one_current ON service_key (purpose, algorithm) WHERE status = 'current';
CREATE UNIQUE INDEX service_key_one_pending ON service_key (purpose, algorithm) WHERE status = 'pending';
