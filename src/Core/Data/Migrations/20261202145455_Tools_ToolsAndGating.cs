using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Tools_ToolsAndGating : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aws_tool_connections",
                schema: "core",
                columns: table => new
                {
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<string>(type: "character(12)", fixedLength: true, maxLength: 12, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    missing_permissions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    support_plan = table.Column<bool>(type: "boolean", nullable: true),
                    error_kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    checked_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aws_tool_connections", x => new { x.company_id, x.account_id });
                    table.ForeignKey(
                        name: "fk_aws_tool_connections_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aws_tool_snapshots",
                schema: "core",
                columns: table => new
                {
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<string>(type: "character(12)", fixedLength: true, maxLength: 12, nullable: false),
                    tool = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: true),
                    fetched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    refresh_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    progress = table.Column<int>(type: "integer", nullable: false),
                    error_kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    error_detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aws_tool_snapshots", x => new { x.company_id, x.account_id, x.tool });
                    table.ForeignKey(
                        name: "fk_aws_tool_snapshots_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tool_access_rules",
                schema: "core",
                columns: table => new
                {
                    tool = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    contract_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tool_access_rules", x => new { x.tool, x.contract_type });
                });

            migrationBuilder.InsertData(
                schema: "core",
                table: "tool_access_rules",
                columns: new[] { "contract_type", "tool" },
                values: new object[,]
                {
                    { "BillingAgency", "Charges" },
                    { "BillingAgencyAdvanced", "Charges" },
                    { "BillingAgency", "TrustedAdvisor" },
                    { "BillingAgencyAdvanced", "TrustedAdvisor" },
                    { "FixedPricePlan", "TrustedAdvisor" },
                    { "MonitoringMaintenance", "TrustedAdvisor" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aws_tool_connections",
                schema: "core");

            migrationBuilder.DropTable(
                name: "aws_tool_snapshots",
                schema: "core");

            migrationBuilder.DropTable(
                name: "tool_access_rules",
                schema: "core");
        }
    }
}
