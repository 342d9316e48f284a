using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Webchats.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FieldRedesign : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The settings became a complex property with the same columns. EF Core cannot model
            // the GIN index on allowed_domains there and proposed dropping it: it stays.
            migrationBuilder.AddColumn<string>(
                name: "pending_change",
                table: "webchats",
                type: "jsonb",
                nullable: true);

            // Every change the application writes carries its record in pending_change; the row's
            // trigger moves it into the history (and the row keeps NULL), so a change and its
            // revision exist together or not at all in one statement, without an explicit
            // transaction. A write that loses the race on xmin updates no row and records nothing.
            migrationBuilder.Sql("""
                CREATE FUNCTION webchats_record_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO webchat_revisions (webchat_id, organization_id, kind, changed_by, changed_at, changes)
                    VALUES (NEW.id, NEW.organization_id, NEW.pending_change ->> 'kind', NEW.updated_by, NEW.updated_at, NEW.pending_change -> 'changes');
                    NEW.pending_change := NULL;
                    RETURN NEW;
                END
                $$;

                CREATE TRIGGER tr_webchats_record_revision
                    BEFORE INSERT OR UPDATE OF pending_change ON webchats
                    FOR EACH ROW WHEN (NEW.pending_change IS NOT NULL)
                    EXECUTE FUNCTION webchats_record_revision();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER tr_webchats_record_revision ON webchats;
                DROP FUNCTION webchats_record_revision();
                """);
            migrationBuilder.DropColumn(
                name: "pending_change",
                table: "webchats");
        }
    }
}
