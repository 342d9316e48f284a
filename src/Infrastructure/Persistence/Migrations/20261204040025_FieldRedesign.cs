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
                name: "last_change",
                table: "webchats",
                type: "jsonb",
                nullable: true);

            // Every change the application writes carries its own record in last_change; the row's
            // statement appends it to the history, so a change and its revision exist together or
            // not at all, without an explicit transaction. A write that loses the race on xmin
            // updates no row and so records nothing.
            migrationBuilder.Sql("""
                CREATE FUNCTION webchats_record_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO webchat_revisions (webchat_id, organization_id, kind, changed_by, changed_at, changes)
                    VALUES (NEW.id, NEW.organization_id, NEW.last_change ->> 'kind', NEW.updated_by, NEW.updated_at, NEW.last_change -> 'changes');
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER tr_webchats_record_revision
                    AFTER INSERT OR UPDATE OF last_change ON webchats
                    FOR EACH ROW WHEN (NEW.last_change IS NOT NULL)
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
                name: "last_change",
                table: "webchats");
        }
    }
}
