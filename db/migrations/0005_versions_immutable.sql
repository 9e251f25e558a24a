-- Named versions are what the council decides on: once frozen, their rows never change or go.
CREATE FUNCTION versions_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is immutable (% rejected)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER versions_no_change BEFORE UPDATE OR DELETE ON versions
  FOR EACH ROW EXECUTE FUNCTION versions_reject_change();
--> statement-breakpoint
CREATE TRIGGER versions_no_truncate BEFORE TRUNCATE ON versions
  FOR EACH STATEMENT EXECUTE FUNCTION versions_reject_change();
--> statement-breakpoint
CREATE TRIGGER version_sections_no_change BEFORE UPDATE OR DELETE ON version_sections
  FOR EACH ROW EXECUTE FUNCTION versions_reject_change();
--> statement-breakpoint
CREATE TRIGGER version_sections_no_truncate BEFORE TRUNCATE ON version_sections
  FOR EACH STATEMENT EXECUTE FUNCTION versions_reject_change();
--> statement-breakpoint
CREATE TRIGGER version_measures_no_change BEFORE UPDATE OR DELETE ON version_measures
  FOR EACH ROW EXECUTE FUNCTION versions_reject_change();
--> statement-breakpoint
CREATE TRIGGER version_measures_no_truncate BEFORE TRUNCATE ON version_measures
  FOR EACH STATEMENT EXECUTE FUNCTION versions_reject_change();
