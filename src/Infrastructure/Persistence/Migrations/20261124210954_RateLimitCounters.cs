using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Webchats.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RateLimitCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Not mapped by EF Core: written with plain SQL by PostgresRateLimitStore. UNLOGGED, as
            // rate counters are worth no WAL; a crash merely resets the current windows.
            migrationBuilder.Sql("""
                CREATE UNLOGGED TABLE rate_limit_counters (
                    bucket text NOT NULL,
                    window_start timestamptz NOT NULL,
                    count integer NOT NULL,
                    CONSTRAINT pk_rate_limit_counters PRIMARY KEY (bucket, window_start)
                )
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE rate_limit_counters");
        }
    }
}
