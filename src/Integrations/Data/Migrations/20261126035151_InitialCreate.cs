using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Integrations.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "integrations");

            migrationBuilder.CreateTable(
                name: "company_aws_trusts",
                schema: "integrations",
                columns: table => new
                {
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    external_id = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    rotated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_aws_trusts", x => x.company_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_company_aws_trusts_external_id",
                schema: "integrations",
                table: "company_aws_trusts",
                column: "external_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "company_aws_trusts",
                schema: "integrations");
        }
    }
}
