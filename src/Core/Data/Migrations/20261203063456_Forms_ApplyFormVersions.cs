using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <summary>
    /// Apply forms with versions (issue #16): <c>core.apply_form_versions</c>, the published version on the catalogue entry
    /// and the version an application was made under. The seeded services' forms are their version 1.
    /// </summary>
    public partial class Forms_ApplyFormVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "apply_form_version",
                schema: "core",
                table: "catalogue_entries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "apply_form_version",
                schema: "core",
                table: "applications",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "apply_form_versions",
                schema: "core",
                columns: table => new
                {
                    service_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    schema = table.Column<string>(type: "jsonb", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_apply_form_versions", x => new { x.service_id, x.version });
                    table.CheckConstraint("ck_apply_form_versions_version", "version > 0");
                    table.ForeignKey(
                        name: "fk_apply_form_versions_catalogue_service_id",
                        column: x => x.service_id,
                        principalSchema: "core",
                        principalTable: "catalogue_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every form in use becomes its version 1, and every application made under it records that version.
            migrationBuilder.Sql(@"
INSERT INTO core.apply_form_versions (service_id, version, schema, published_at, published_by)
SELECT id, 1, apply_form, COALESCE(updated_at, now()), COALESCE(updated_by, '00000000-0000-0000-0000-000000000000'::uuid)
FROM core.catalogue_entries WHERE apply_form IS NOT NULL;
UPDATE core.catalogue_entries SET apply_form_version = 1 WHERE apply_form IS NOT NULL;
UPDATE core.applications a SET apply_form_version = 1
FROM core.catalogue_entries e WHERE e.id = a.service_id AND e.apply_form IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "apply_form_versions",
                schema: "core");

            migrationBuilder.DropColumn(
                name: "apply_form_version",
                schema: "core",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "apply_form_version",
                schema: "core",
                table: "applications");
        }
    }
}
