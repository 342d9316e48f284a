-- pgbench: the statement of GET one webchat (and of a no-op PUT), for the database floor of
-- `make bench`. Variables: webchats, orgs (-D).
\set i random(1, :webchats)
\set o :i % :orgs
SELECT id, organization_id, user_id, created_by, updated_by, name, description, starter_message, background_color, primary_color, secondary_color, header_text_color, status_text_color, timestamp_color, csat_background_color, csat_text_color, icon_key, status_text, csat_thank_you_message, prompt_id, allowed_domains, pipeline_id, pipeline_stage, initial_stage, is_autopilot, is_enabled, position, offset_x, offset_y, z_index, created_at, updated_at, version FROM webchats WHERE id = '6' || lpad(to_hex(:i::int), 23, '0') AND organization_id = 'a' || lpad(to_hex(:o::int), 23, '0') AND deleted_at IS NULL LIMIT 1;
