using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Webchats.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OpaqueWebchatVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The ETag was xmin, a system column (EF Core proposed renaming it): each webchat now
            // counts its own versions, and each revision records the version it produced.
            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "webchats",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "webchat_revisions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Existing rows: a webchat's revisions are numbered 1, 2, … in the order they were
            // written, and the webchat stands at its last one (1 when it has none).
            migrationBuilder.Sql("""
                UPDATE webchat_revisions r SET version = n.version
                FROM (SELECT id, row_number() OVER (PARTITION BY webchat_id ORDER BY id) AS version FROM webchat_revisions) n
                WHERE r.id = n.id;

                UPDATE webchats w SET version = r.version
                FROM (SELECT webchat_id, max(version) AS version FROM webchat_revisions GROUP BY webchat_id) r
                WHERE w.id = r.webchat_id;

                ALTER TABLE webchat_revisions ALTER COLUMN version DROP DEFAULT;

                CREATE OR REPLACE FUNCTION webchats_record_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO webchat_revisions (webchat_id, organization_id, version, kind, changed_by, changed_at, changes)
                    VALUES (NEW.id, NEW.organization_id, NEW.version, NEW.pending_change ->> 'kind', NEW.updated_by, NEW.updated_at, NEW.pending_change -> 'changes');
                    NEW.pending_change := NULL;
                    RETURN NEW;
                END
                $$;
                """);

            migrationBuilder.AddCheckConstraint(
                name: "ck_webchats_version",
                table: "webchats",
                sql: "version >= 1");

            migrationBuilder.DropIndex(
                name: "ix_webchat_revisions_webchat_id_id",
                table: "webchat_revisions");

            migrationBuilder.CreateIndex(
                name: "ix_webchat_revisions_webchat_id_version",
                table: "webchat_revisions",
                columns: new[] { "webchat_id", "version" },
                unique: true,
                descending: new[] { false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webchat_revisions_webchat_id_version",
                table: "webchat_revisions");

            migrationBuilder.CreateIndex(
                name: "ix_webchat_revisions_webchat_id_id",
                table: "webchat_revisions",
                columns: new[] { "webchat_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.DropCheckConstraint(
                name: "ck_webchats_version",
                table: "webchats");

            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION webchats_record_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO webchat_revisions (webchat_id, organization_id, kind, changed_by, changed_at, changes)
                    VALUES (NEW.id, NEW.organization_id, NEW.pending_change ->> 'kind', NEW.updated_by, NEW.updated_at, NEW.pending_change -> 'changes');
                    NEW.pending_change := NULL;
                    RETURN NEW;
                END
                $$;
                """);

            migrationBuilder.DropColumn(
                name: "version",
                table: "webchat_revisions");

            migrationBuilder.DropColumn(
                name: "version",
                table: "webchats");
        }
    }
}
