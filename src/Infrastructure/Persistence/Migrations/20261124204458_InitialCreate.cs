using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Webchats.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pipelines",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    organization_id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    stages = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pipelines", x => x.id);
                    table.CheckConstraint("ck_pipelines_id", "id ~ '^[0-9a-f]{24}$'");
                });

            migrationBuilder.CreateTable(
                name: "prompts",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    organization_id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prompts", x => x.id);
                    table.CheckConstraint("ck_prompts_id", "id ~ '^[0-9a-f]{24}$'");
                });

            migrationBuilder.CreateTable(
                name: "webchats",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    organization_id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    user_id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    created_by = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    updated_by = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    starter_message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    background_color = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    primary_color = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    secondary_color = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    header_text_color = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    status_text_color = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    timestamp_color = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    csat_background_color = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    csat_text_color = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    icon_key = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    status_text = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    csat_thank_you_message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    prompt_id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    allowed_domains = table.Column<string>(type: "jsonb", nullable: false),
                    pipeline_id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    pipeline_stage = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    initial_stage = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    is_autopilot = table.Column<bool>(type: "boolean", nullable: false),
                    is_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    position = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    offset_x = table.Column<int>(type: "integer", nullable: false),
                    offset_y = table.Column<int>(type: "integer", nullable: false),
                    z_index = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webchats", x => x.id);
                    table.CheckConstraint("ck_webchats_allowed_domains", "jsonb_typeof(allowed_domains) = 'array'");
                    table.CheckConstraint("ck_webchats_created_by", "created_by ~ '^[0-9a-f]{24}$'");
                    table.CheckConstraint("ck_webchats_id", "id ~ '^[0-9a-f]{24}$'");
                    table.CheckConstraint("ck_webchats_offsets", "offset_x BETWEEN 0 AND 500 AND offset_y BETWEEN 0 AND 500 AND z_index >= 0");
                    table.CheckConstraint("ck_webchats_organization_id", "organization_id ~ '^[0-9a-f]{24}$'");
                    table.CheckConstraint("ck_webchats_position", "position IN ('bottom-right', 'bottom-left')");
                    table.CheckConstraint("ck_webchats_updated_by", "updated_by ~ '^[0-9a-f]{24}$'");
                    table.CheckConstraint("ck_webchats_user_id", "user_id ~ '^[0-9a-f]{24}$'");
                });

            migrationBuilder.CreateIndex(
                name: "ix_pipelines_organization_id",
                table: "pipelines",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_prompts_organization_id",
                table: "prompts",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_webchats_allowed_domains",
                table: "webchats",
                column: "allowed_domains")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_webchats_organization_created",
                table: "webchats",
                columns: new[] { "organization_id", "created_at", "id" },
                descending: new[] { false, true, true },
                filter: "deleted_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pipelines");

            migrationBuilder.DropTable(
                name: "prompts");

            migrationBuilder.DropTable(
                name: "webchats");
        }
    }
}
