using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Csat_SatisfactionSurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "satisfaction_surveys",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    csm_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    score = table.Column<int>(type: "integer", nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    answered_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_satisfaction_surveys", x => x.id);
                    table.CheckConstraint("ck_satisfaction_surveys_score", "score IS NULL OR score BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_satisfaction_surveys_applications_application_id",
                        column: x => x.application_id,
                        principalSchema: "core",
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_satisfaction_surveys_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_application_id",
                schema: "core",
                table: "satisfaction_surveys",
                column: "application_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_company_id_sent_at",
                schema: "core",
                table: "satisfaction_surveys",
                columns: new[] { "company_id", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_sent_at",
                schema: "core",
                table: "satisfaction_surveys",
                column: "sent_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "satisfaction_surveys",
                schema: "core");
        }
    }
}
