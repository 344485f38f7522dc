using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConsoleAndPartnerRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people");

            migrationBuilder.AddCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people",
                sql: "(role IN ('Csm','CsmLead','Admin','Partner')) = (company_id IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people");

            migrationBuilder.AddCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people",
                sql: "(role IN ('Csm','Admin','Partner')) = (company_id IS NULL)");
        }
    }
}
