using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BackgroundLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "heartbeat_at",
                schema: "wf",
                table: "bookmarks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "lease_count",
                schema: "wf",
                table: "bookmarks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_expires_at",
                schema: "wf",
                table: "bookmarks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lease_owner",
                schema: "wf",
                table: "bookmarks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_started_at",
                schema: "wf",
                table: "bookmarks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "lease_token",
                schema: "wf",
                table: "bookmarks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "progress",
                schema: "wf",
                table: "bookmarks",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "effects",
                schema: "wf",
                columns: table => new
                {
                    activation_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    effect = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    result = table.Column<string>(type: "jsonb", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_effects", x => new { x.activation_key, x.effect });
                });

            migrationBuilder.CreateIndex(
                name: "ix_effects_instance_id",
                schema: "wf",
                table: "effects",
                column: "instance_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "effects",
                schema: "wf");

            migrationBuilder.DropColumn(
                name: "heartbeat_at",
                schema: "wf",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "lease_count",
                schema: "wf",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "lease_expires_at",
                schema: "wf",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "lease_owner",
                schema: "wf",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "lease_started_at",
                schema: "wf",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "lease_token",
                schema: "wf",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "progress",
                schema: "wf",
                table: "bookmarks");
        }
    }
}
