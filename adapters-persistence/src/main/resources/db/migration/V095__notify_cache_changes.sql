-- Every change to an API key or a key version is announced on the channel signet_cache, in the
-- transaction that makes it: PostgreSQL delivers a notification only when that transaction
-- commits, so the instances' caches (CacheInvalidation) evict an entry exactly when the change
-- becomes visible. Triggers rather than pg_notify in each statement: no write path can forget it.
-- Payloads name the cache key only (never a secret): "api_key:<id>",
-- "key_version:<tenant>:<algorithm>:<version>".

CREATE FUNCTION signet_notify_api_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('signet_cache', 'api_key:' || coalesce(NEW.id, OLD.id)::text);
    RETURN NULL;
END $$;

CREATE TRIGGER api_key_notify_cache
    AFTER INSERT OR UPDATE OR DELETE ON api_key
    FOR EACH ROW EXECUTE FUNCTION signet_notify_api_key();

CREATE FUNCTION signet_notify_key_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('signet_cache',
        'key_version:' || coalesce(NEW.tenant_id, OLD.tenant_id)::text
        || ':' || coalesce(NEW.algorithm, OLD.algorithm)
        || ':' || coalesce(NEW.version, OLD.version)::text);
    RETURN NULL;
END $$;

CREATE TRIGGER key_version_notify_cache
    AFTER INSERT OR UPDATE OR DELETE ON key_version
    FOR EACH ROW EXECUTE FUNCTION signet_notify_key_version();
