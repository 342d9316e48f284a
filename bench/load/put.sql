-- pgbench: the statements of one PUT changing one field, for the database floor of `make bench`:
-- the SELECT of docs/put-sql.md, then the UPDATE and the audit trail's revision row in one
-- statement (as floor 1 does). Variables: webchats, orgs (-D); ids as scripts/bench.sh seeds them.
\set i random(1, :webchats)
\set o :i % :orgs
\set x random(0, 500)
SELECT id, organization_id, user_id, created_by, updated_by, name, description, starter_message, background_color, primary_color, secondary_color, header_text_color, status_text_color, timestamp_color, csat_background_color, csat_text_color, icon_key, status_text, csat_thank_you_message, prompt_id, allowed_domains, pipeline_id, pipeline_stage, initial_stage, is_autopilot, is_enabled, position, offset_x, offset_y, z_index, created_at, updated_at, version AS row_version FROM webchats WHERE id = '6' || lpad(to_hex(:i::int), 23, '0') AND organization_id = 'a' || lpad(to_hex(:o::int), 23, '0') AND deleted_at IS NULL LIMIT 1 \gset r_
UPDATE webchats SET offset_x = :x::int, updated_at = now(), updated_by = 'c00000000000000000000001', version = version + 1, pending_change = jsonb_build_object('kind', 'Updated', 'changes', jsonb_build_array(jsonb_build_object('field', 'offsetX', 'old', :r_offset_x::int, 'new', :x::int))) WHERE id = '6' || lpad(to_hex(:i::int), 23, '0') AND version = :r_row_version::bigint RETURNING version;
