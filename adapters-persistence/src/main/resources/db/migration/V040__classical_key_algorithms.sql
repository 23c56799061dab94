-- Classical key types held natively on the token (protection 'hsm'): ECDSA P-256, ECDSA
-- secp256k1, RSA-PSS-3072 and Ed25519, beside ML-DSA-65 and the composite.
ALTER TABLE key_version DROP CONSTRAINT key_version_algorithm_check;
ALTER TABLE key_version ADD CONSTRAINT key_version_algorithm_check
    CHECK (algorithm IN ('mldsa65', 'mldsa65-p256', 'p256', 'secp256k1', 'rsapss3072', 'ed25519'));
