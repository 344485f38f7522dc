using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebScan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people");

            migrationBuilder.CreateTable(
                name: "checklist_items",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    checklist = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    label_ja = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    label_en = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ticked_by = table.Column<Guid>(type: "uuid", nullable: true),
                    ticked_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ticked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    override_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    overridden_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checklist_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_checklist_items_applications_application_id",
                        column: x => x.application_id,
                        principalSchema: "core",
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "partner_assignments",
                schema: "core",
                columns: table => new
                {
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assigned_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_assignments", x => new { x.application_id, x.partner_id });
                    table.ForeignKey(
                        name: "fk_partner_assignments_applications_application_id",
                        column: x => x.application_id,
                        principalSchema: "core",
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_partner_assignments_people_partner_id",
                        column: x => x.partner_id,
                        principalSchema: "core",
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "scan_findings",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    vulnerability_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    scan_from = table.Column<DateOnly>(type: "date", nullable: false),
                    scan_to = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scan_findings", x => x.id);
                    table.CheckConstraint("ck_scan_findings_count", "count >= 0 AND scan_to >= scan_from");
                });

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "WEB-L",
                columns: new[] { "apply_form", "workflow_definition_id" },
                values: new object[] { "{ \"fields\": [\n  { \"name\": \"targets\", \"type\": \"list\", \"minItems\": 1, \"maxItems\": 10, \"maxLength\": 500, \"format\": \"public-url\",\n    \"label\": { \"ja\": \"診断対象のURL(1行に1つ)\", \"en\": \"Target URLs (one per line)\" },\n    \"help\": { \"ja\": \"http(s)で始まる公開URL。社内・プライベート・ループバック・リンクローカルのアドレスは指定できません。\", \"en\": \"Public http(s) URLs. Internal, private, loopback and link-local addresses are not accepted.\" } },\n  { \"name\": \"environment\", \"type\": \"choice\", \"required\": true, \"options\": [\"production\", \"staging\"],\n    \"optionLabels\": { \"production\": { \"ja\": \"本番環境\", \"en\": \"Production\" }, \"staging\": { \"ja\": \"検証(ステージング)環境\", \"en\": \"Staging\" } },\n    \"label\": { \"ja\": \"対象環境\", \"en\": \"Environment\" } },\n  { \"name\": \"period1From\", \"type\": \"date\", \"required\": true, \"minBusinessDaysAhead\": 20, \"businessDay\": true,\n    \"label\": { \"ja\": \"第1希望期間(開始日)\", \"en\": \"1st wished period: from\" } },\n  { \"name\": \"period1To\", \"type\": \"date\", \"required\": true, \"notBeforeField\": \"period1From\",\n    \"label\": { \"ja\": \"第1希望期間(終了日)\", \"en\": \"1st wished period: to\" } },\n  { \"name\": \"period2From\", \"type\": \"date\", \"minBusinessDaysAhead\": 20, \"businessDay\": true,\n    \"label\": { \"ja\": \"第2希望期間(開始日・任意)\", \"en\": \"2nd wished period: from (optional)\" } },\n  { \"name\": \"period2To\", \"type\": \"date\", \"notBeforeField\": \"period2From\",\n    \"label\": { \"ja\": \"第2希望期間(終了日・任意)\", \"en\": \"2nd wished period: to (optional)\" } },\n  { \"name\": \"period3From\", \"type\": \"date\", \"minBusinessDaysAhead\": 20, \"businessDay\": true,\n    \"label\": { \"ja\": \"第3希望期間(開始日・任意)\", \"en\": \"3rd wished period: from (optional)\" } },\n  { \"name\": \"period3To\", \"type\": \"date\", \"notBeforeField\": \"period3From\",\n    \"label\": { \"ja\": \"第3希望期間(終了日・任意)\", \"en\": \"3rd wished period: to (optional)\" } },\n  { \"name\": \"actions\", \"type\": \"list\", \"minItems\": 1, \"maxItems\": 15, \"maxLength\": 500,\n    \"label\": { \"ja\": \"診断対象のアクション(画面・操作。1行に1つ、最大15)\", \"en\": \"Actions to scan (pages or operations; one per line, at most 15)\" },\n    \"help\": { \"ja\": \"例: ログイン、会員登録、商品検索。最終的な診断対象は当社エンジニアが選定します。\", \"en\": \"E.g. sign-in, registration, product search. Our engineer makes the final choice.\" } },\n  { \"name\": \"contactName\", \"type\": \"string\", \"required\": true, \"maxLength\": 100,\n    \"label\": { \"ja\": \"診断当日のご連絡先(お名前)\", \"en\": \"Contact on the scan day: name\" } },\n  { \"name\": \"contactPhone\", \"type\": \"string\", \"required\": true, \"maxLength\": 30,\n    \"label\": { \"ja\": \"診断当日のご連絡先(電話番号)\", \"en\": \"Contact on the scan day: phone\" } },\n  { \"name\": \"contactEmail\", \"type\": \"string\", \"required\": true, \"maxLength\": 254,\n    \"label\": { \"ja\": \"診断当日のご連絡先(メール)\", \"en\": \"Contact on the scan day: e-mail\" } },\n  { \"name\": \"notes\", \"type\": \"text\", \"maxLength\": 2000,\n    \"label\": { \"ja\": \"補足事項(認証情報の受け渡し方法、WAFの有無など)\", \"en\": \"Notes (how test credentials are handed over, WAF, ...)\" } },\n  { \"name\": \"termsOfUse\", \"type\": \"terms\", \"terms\": \"kdsec-scan-terms\",\n    \"label\": { \"ja\": \"利用規約への同意\", \"en\": \"Terms of use\" } },\n  { \"name\": \"specification\", \"type\": \"terms\", \"terms\": \"kdsec-scan-spec\",\n    \"label\": { \"ja\": \"サービス仕様書への同意\", \"en\": \"Service specification\" } }\n] }", "web-l" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people",
                sql: "(role IN ('Csm','Admin','Partner')) = (company_id IS NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_checklist_items_application_id_checklist_key",
                schema: "core",
                table: "checklist_items",
                columns: new[] { "application_id", "checklist", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_partner_assignments_partner_id",
                schema: "core",
                table: "partner_assignments",
                column: "partner_id");

            migrationBuilder.CreateIndex(
                name: "ix_scan_findings_application_id_vulnerability_type",
                schema: "core",
                table: "scan_findings",
                columns: new[] { "application_id", "vulnerability_type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scan_findings_fiscal_year",
                schema: "core",
                table: "scan_findings",
                column: "fiscal_year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checklist_items",
                schema: "core");

            migrationBuilder.DropTable(
                name: "partner_assignments",
                schema: "core");

            migrationBuilder.DropTable(
                name: "scan_findings",
                schema: "core");

            migrationBuilder.DropCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people");

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "WEB-L",
                columns: new[] { "apply_form", "workflow_definition_id" },
                values: new object[] { null, null });

            migrationBuilder.AddCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people",
                sql: "(role IN ('Csm','Admin')) = (company_id IS NULL)");
        }
    }
}
