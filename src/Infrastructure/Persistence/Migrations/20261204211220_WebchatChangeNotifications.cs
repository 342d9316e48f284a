using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Webchats.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Every change of a webchat notifies <c>webchat_changes</c> from inside its own transaction, so
    /// the notification is delivered when, and only when, the change commits, whoever wrote it (the
    /// service, a migration, an operator's SQL). Payload: <c>id:version</c>, the id alone for a
    /// deleted row, <c>*</c> for a truncation (WebchatChangeListener).
    /// </summary>
    public partial class WebchatChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION webchats_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        PERFORM pg_notify('webchat_changes', '*');
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM pg_notify('webchat_changes', OLD.id);
                    ELSE
                        PERFORM pg_notify('webchat_changes', NEW.id || ':' || NEW.version);
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER webchats_notify_change AFTER INSERT OR UPDATE OR DELETE ON webchats
                    FOR EACH ROW EXECUTE FUNCTION webchats_notify_change();
                CREATE TRIGGER webchats_notify_truncate AFTER TRUNCATE ON webchats
                    FOR EACH STATEMENT EXECUTE FUNCTION webchats_notify_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER webchats_notify_truncate ON webchats;
                DROP TRIGGER webchats_notify_change ON webchats;
                DROP FUNCTION webchats_notify_change();
                """);
        }
    }
}
