-- Ids as SQLite gives them: a row inserted with an explicit id (a copied store, a fixture, an import that numbers its
-- own rows) moves its table's identity past that id, so the next generated id never collides with it. PostgreSQL's
-- identity would otherwise hand out 1, 2, ... again. Once per INSERT statement; never moves a sequence backwards
-- (another transaction may hold higher ids it has not committed yet).
CREATE FUNCTION identity_follows_ids() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  seq text := pg_get_serial_sequence(format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), 'id');
BEGIN
  IF seq IS NOT NULL THEN
    EXECUTE format(
      'SELECT setval(%L, greatest((SELECT coalesce(max(id), 0) FROM %I.%I), (SELECT last_value FROM %s), 1))',
      seq, TG_TABLE_SCHEMA, TG_TABLE_NAME, seq
    );
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    WHERE c.table_schema = current_schema() AND c.column_name = 'id' AND c.is_identity = 'YES'
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I FOR EACH STATEMENT EXECUTE FUNCTION identity_follows_ids()', t.table_name || '_identity_follows_ids', t.table_name);
  END LOOP;
END;
$$;
