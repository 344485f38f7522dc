using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class StaffConsole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_aws_accounts_account_id",
                schema: "core",
                table: "aws_accounts");

            migrationBuilder.AddColumn<bool>(
                name: "is_away",
                schema: "core",
                table: "people",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "maintenance_scope",
                schema: "core",
                table: "contracts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "backup_csm_id",
                schema: "core",
                table: "companies",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "owning_csm_id",
                schema: "core",
                table: "companies",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "representative_email",
                schema: "core",
                table: "companies",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "core",
                table: "companies",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "core",
                table: "catalogue_entries",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "unlinked_at",
                schema: "core",
                table: "aws_accounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "unlinked_by",
                schema: "core",
                table: "aws_accounts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "core",
                table: "aws_accounts",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<bool>(
                name: "customer_cancellable",
                schema: "core",
                table: "applications",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "ticket_cost",
                schema: "core",
                table: "applications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "catalogue_changes",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: false),
                    before = table.Column<string>(type: "jsonb", nullable: false),
                    after = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalogue_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalogue_changes_catalogue_service_id",
                        column: x => x.service_id,
                        principalSchema: "core",
                        principalTable: "catalogue_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people",
                sql: "(role IN ('Csm','CsmLead','Admin')) = (company_id IS NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_companies_backup_csm_id",
                schema: "core",
                table: "companies",
                column: "backup_csm_id");

            migrationBuilder.CreateIndex(
                name: "ix_companies_name",
                schema: "core",
                table: "companies",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_companies_owning_csm_id",
                schema: "core",
                table: "companies",
                column: "owning_csm_id");

            migrationBuilder.CreateIndex(
                name: "ix_aws_accounts_account_id",
                schema: "core",
                table: "aws_accounts",
                column: "account_id",
                unique: true,
                filter: "unlinked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_catalogue_changes_service_id_changed_at",
                schema: "core",
                table: "catalogue_changes",
                columns: new[] { "service_id", "changed_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_companies_people_backup_csm_id",
                schema: "core",
                table: "companies",
                column: "backup_csm_id",
                principalSchema: "core",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_companies_people_owning_csm_id",
                schema: "core",
                table: "companies",
                column: "owning_csm_id",
                principalSchema: "core",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // ADV-1: applications made before this change keep the cost they reserved and the rule of their service.
            migrationBuilder.Sql("""
                UPDATE core.applications a SET ticket_cost = r.cost FROM core.ticket_reservations r WHERE r.id = a.reservation_id;
                UPDATE core.applications a SET customer_cancellable = e.customer_cancellable FROM core.catalogue_entries e WHERE e.id = a.service_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_companies_people_backup_csm_id",
                schema: "core",
                table: "companies");

            migrationBuilder.DropForeignKey(
                name: "fk_companies_people_owning_csm_id",
                schema: "core",
                table: "companies");

            migrationBuilder.DropTable(
                name: "catalogue_changes",
                schema: "core");

            migrationBuilder.DropCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_companies_backup_csm_id",
                schema: "core",
                table: "companies");

            migrationBuilder.DropIndex(
                name: "ix_companies_name",
                schema: "core",
                table: "companies");

            migrationBuilder.DropIndex(
                name: "ix_companies_owning_csm_id",
                schema: "core",
                table: "companies");

            migrationBuilder.DropIndex(
                name: "ix_aws_accounts_account_id",
                schema: "core",
                table: "aws_accounts");

            migrationBuilder.DropColumn(
                name: "is_away",
                schema: "core",
                table: "people");

            migrationBuilder.DropColumn(
                name: "maintenance_scope",
                schema: "core",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "backup_csm_id",
                schema: "core",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "owning_csm_id",
                schema: "core",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "representative_email",
                schema: "core",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "core",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "core",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "unlinked_at",
                schema: "core",
                table: "aws_accounts");

            migrationBuilder.DropColumn(
                name: "unlinked_by",
                schema: "core",
                table: "aws_accounts");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "core",
                table: "aws_accounts");

            migrationBuilder.DropColumn(
                name: "customer_cancellable",
                schema: "core",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "ticket_cost",
                schema: "core",
                table: "applications");

            migrationBuilder.AddCheckConstraint(
                name: "ck_people_company_matches_role",
                schema: "core",
                table: "people",
                sql: "(role IN ('Csm','Admin')) = (company_id IS NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_aws_accounts_account_id",
                schema: "core",
                table: "aws_accounts",
                column: "account_id",
                unique: true);
        }
    }
}
