using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ServicesAsData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "apply_form",
                schema: "core",
                table: "catalogue_entries",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "terms_id",
                schema: "core",
                table: "applications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "terms_version",
                schema: "core",
                table: "applications",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "application_events",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    parameters = table.Column<string>(type: "jsonb", nullable: true),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_application_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_application_events_applications_application_id",
                        column: x => x.application_id,
                        principalSchema: "core",
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "terms_documents",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    title_ja = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text_ja = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    text_en = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_terms_documents", x => new { x.id, x.version });
                    table.CheckConstraint("ck_terms_documents_version", "version > 0");
                });

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "ACCT-D",
                column: "apply_form",
                value: null);

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "COST-C",
                column: "apply_form",
                value: null);

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "COST-L",
                column: "apply_form",
                value: null);

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "SEC-C",
                column: "apply_form",
                value: null);

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "SEC-L",
                column: "apply_form",
                value: null);

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "TRAIN-1",
                column: "apply_form",
                value: "{ \"fields\": [\n  { \"name\": \"topic\", \"type\": \"choice\", \"required\": true, \"optionsFrom\": \"training-topics\",\n    \"label\": { \"ja\": \"題目(トレーニングメニュー)\", \"en\": \"Topic (training menu)\" } },\n  { \"name\": \"goals\", \"type\": \"text\", \"required\": true, \"maxLength\": 2000,\n    \"label\": { \"ja\": \"受講の目的・ゴール\", \"en\": \"Goals\" } },\n  { \"name\": \"wishedFrom\", \"type\": \"date\", \"required\": true, \"minBusinessDaysAhead\": 0,\n    \"label\": { \"ja\": \"希望時期(開始日)\", \"en\": \"Wished period: from\" } },\n  { \"name\": \"wishedTo\", \"type\": \"date\", \"required\": true, \"minBusinessDaysAhead\": 0, \"notBeforeField\": \"wishedFrom\",\n    \"label\": { \"ja\": \"希望時期(終了日)\", \"en\": \"Wished period: to\" } },\n  { \"name\": \"otherPeriods\", \"type\": \"text\", \"maxLength\": 500,\n    \"label\": { \"ja\": \"その他の希望時期(任意)\", \"en\": \"Other wished periods (optional)\" } },\n  { \"name\": \"participants\", \"type\": \"integer\", \"required\": true, \"min\": 1, \"max\": 100,\n    \"label\": { \"ja\": \"参加予定人数\", \"en\": \"Expected participants\" } }\n] }");

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "WEB-L",
                column: "apply_form",
                value: null);

            migrationBuilder.CreateIndex(
                name: "ix_application_events_application_id_at",
                schema: "core",
                table: "application_events",
                columns: new[] { "application_id", "at" });

            // Applications made before this table existed keep their milestones too (their journal will be deleted).
            migrationBuilder.Sql("""
                INSERT INTO core.application_events (application_id, company_id, at, code, actor)
                SELECT id, company_id, applied_at, 'applied', applied_by::text FROM core.applications;
                INSERT INTO core.application_events (application_id, company_id, at, code, parameters, actor)
                SELECT id, company_id, closed_at, lower(status), CASE WHEN close_reason IS NULL THEN NULL ELSE jsonb_build_object('reason', close_reason) END, closed_by::text
                FROM core.applications WHERE status IN ('Completed', 'Cancelled') AND closed_at IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application_events",
                schema: "core");

            migrationBuilder.DropTable(
                name: "terms_documents",
                schema: "core");

            migrationBuilder.DropColumn(
                name: "apply_form",
                schema: "core",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "terms_id",
                schema: "core",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "terms_version",
                schema: "core",
                table: "applications");
        }
    }
}
