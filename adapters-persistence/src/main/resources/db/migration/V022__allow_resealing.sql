-- Crypto-shredding (DESIGN §8): sealed private keys move from the shared key-encryption key
-- (blob format 1) to a key-encryption key of their own version (format 2). The key material stays
-- immutable otherwise: the only change allowed besides dropping it on archive is that one move,
-- from a format-1 blob to a format-2 blob.
CREATE OR REPLACE FUNCTION key_version_moves_forward() RETURNS trigger
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
        OR (NEW.sealed_private_key IS NOT NULL
            AND NEW.sealed_private_key IS DISTINCT FROM OLD.sealed_private_key
            AND NOT (OLD.sealed_private_key IS NOT NULL
                     AND get_byte(OLD.sealed_private_key, 0) = 1
                     AND get_byte(NEW.sealed_private_key, 0) = 2)) THEN
        RAISE EXCEPTION 'key_version key material is immutable'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
