using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Activities.AccountDiagnosis.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountDiagnosis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "acctd");

            migrationBuilder.CreateTable(
                name: "runs",
                schema: "acctd",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    region = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    standards = table.Column<List<string>>(type: "text[]", nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false),
                    calls = table.Column<string>(type: "jsonb", nullable: false),
                    next_token = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    findings_collected = table.Column<int>(type: "integer", nullable: false),
                    pages = table.Column<int>(type: "integer", nullable: false),
                    throttled = table.Column<int>(type: "integer", nullable: false),
                    collection_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    collected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    undone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runs", x => x.instance_id);
                    table.CheckConstraint("ck_runs_counts", "findings_collected >= 0 AND pages >= 0");
                });

            migrationBuilder.CreateTable(
                name: "controls",
                schema: "acctd",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    control_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    service = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    remediation_url = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    standards = table.Column<List<string>>(type: "text[]", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    passed = table.Column<int>(type: "integer", nullable: false),
                    other = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_controls", x => new { x.instance_id, x.control_id });
                    table.ForeignKey(
                        name: "fk_controls_runs_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "acctd",
                        principalTable: "runs",
                        principalColumn: "instance_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "failing_resources",
                schema: "acctd",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    control_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    resource_id = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    resource_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_failing_resources", x => new { x.instance_id, x.control_id, x.resource_id });
                    table.ForeignKey(
                        name: "fk_failing_resources_runs_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "acctd",
                        principalTable: "runs",
                        principalColumn: "instance_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_runs_application_id",
                schema: "acctd",
                table: "runs",
                column: "application_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "controls",
                schema: "acctd");

            migrationBuilder.DropTable(
                name: "failing_resources",
                schema: "acctd");

            migrationBuilder.DropTable(
                name: "runs",
                schema: "acctd");
        }
    }
}
