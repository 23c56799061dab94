-- The deployment this database belongs to (DESIGN §8): one row, written by the first start (the
-- first of concurrent writers wins), never changed. The same id is written on the HSM token; a
-- start that finds them different refuses to run.
CREATE TABLE deployment (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    id         uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION deployment_is_fixed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'the deployment id never changes: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER deployment_refuses_change
    BEFORE UPDATE OR DELETE ON deployment
    FOR EACH ROW EXECUTE FUNCTION deployment_is_fixed();

CREATE TRIGGER deployment_refuses_truncate
    BEFORE TRUNCATE ON deployment
    FOR EACH STATEMENT EXECUTE FUNCTION deployment_is_fixed();
