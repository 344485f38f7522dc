using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "enrolled_at",
                schema: "core",
                table: "companies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "industry",
                schema: "core",
                table: "companies",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_alliance_partner",
                schema: "core",
                table: "companies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "is_public_body",
                schema: "core",
                table: "companies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "is_served_through_third_party",
                schema: "core",
                table: "companies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "status",
                schema: "core",
                table: "companies",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "suspended_at",
                schema: "core",
                table: "companies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "annual_transactions",
                schema: "core",
                columns: table => new
                {
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    calendar_year = table.Column<int>(type: "integer", nullable: false),
                    amount_yen = table.Column<long>(type: "bigint", nullable: false),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_annual_transactions", x => new { x.company_id, x.calendar_year });
                    table.CheckConstraint("ck_annual_transactions_amount", "amount_yen >= 0");
                    table.ForeignKey(
                        name: "fk_annual_transactions_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aws_accounts",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<string>(type: "character(12)", fixedLength: true, maxLength: 12, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    root_held_by_provider = table.Column<bool>(type: "boolean", nullable: false),
                    under_maintenance_contract = table.Column<bool>(type: "boolean", nullable: false),
                    backlog_project_key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    linked_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aws_accounts", x => x.id);
                    table.CheckConstraint("ck_aws_accounts_account_id", "account_id ~ '^[0-9]{12}$'");
                    table.CheckConstraint("ck_aws_accounts_backlog", "NOT under_maintenance_contract OR backlog_project_key IS NOT NULL");
                    table.CheckConstraint("ck_aws_accounts_root_held", "root_held_by_provider");
                    table.ForeignKey(
                        name: "fk_aws_accounts_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "basic_service_proposals",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_by = table.Column<Guid>(type: "uuid", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_basic_service_proposals", x => x.id);
                    table.ForeignKey(
                        name: "fk_basic_service_proposals_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "calendar_overrides",
                schema: "core",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    is_holiday = table.Column<bool>(type: "boolean", nullable: false),
                    name_ja = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_overrides", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_entries",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_ja = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ticket_cost = table.Column<int>(type: "integer", nullable: false),
                    one_aws_account_per_application = table.Column<bool>(type: "boolean", nullable: false),
                    allowed_ranks = table.Column<string[]>(type: "text[]", nullable: false),
                    allowed_contract_types = table.Column<string[]>(type: "text[]", nullable: false),
                    yearly_capacity = table.Column<int>(type: "integer", nullable: true),
                    customer_cancellable = table.Column<bool>(type: "boolean", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalogue_entries", x => x.id);
                    table.CheckConstraint("ck_catalogue_entries_capacity", "yearly_capacity IS NULL OR yearly_capacity >= 0");
                    table.CheckConstraint("ck_catalogue_entries_cost", "ticket_cost > 0");
                });

            migrationBuilder.CreateTable(
                name: "contracts",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contracts", x => x.id);
                    table.CheckConstraint("ck_contracts_dates", "ends_on IS NULL OR ends_on >= starts_on");
                    table.ForeignKey(
                        name: "fk_contracts_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rank_assignments",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    rank = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    basis_calendar_year = table.Column<int>(type: "integer", nullable: true),
                    basis_amount_yen = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    set_by = table.Column<Guid>(type: "uuid", nullable: true),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rank_assignments", x => x.id);
                    table.CheckConstraint("ck_rank_assignments_override_reason", "source <> 'Override' OR (reason IS NOT NULL AND set_by IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_rank_assignments_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rank_definitions",
                schema: "core",
                columns: table => new
                {
                    rank = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name_ja = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name_en = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    basic_proposals_per_year = table.Column<int>(type: "integer", nullable: false),
                    tickets_per_year = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rank_definitions", x => x.rank);
                    table.CheckConstraint("ck_rank_definitions_counts", "basic_proposals_per_year >= 0 AND tickets_per_year >= 0");
                });

            migrationBuilder.CreateTable(
                name: "rank_thresholds",
                schema: "core",
                columns: table => new
                {
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    platinum_min_yen = table.Column<long>(type: "bigint", nullable: false),
                    gold_min_yen = table.Column<long>(type: "bigint", nullable: false),
                    silver_min_yen = table.Column<long>(type: "bigint", nullable: false),
                    bronze_min_yen = table.Column<long>(type: "bigint", nullable: false),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rank_thresholds", x => x.fiscal_year);
                    table.CheckConstraint("ck_rank_thresholds_order", "platinum_min_yen > gold_min_yen AND gold_min_yen > silver_min_yen AND silver_min_yen > bronze_min_yen AND bronze_min_yen > 0");
                });

            migrationBuilder.CreateTable(
                name: "rollover_company_results",
                schema: "core",
                columns: table => new
                {
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    previous_rank = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    new_rank = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    basis_amount_yen = table.Column<long>(type: "bigint", nullable: true),
                    lapsed_tickets = table.Column<int>(type: "integer", nullable: false),
                    granted_tickets = table.Column<int>(type: "integer", nullable: false),
                    basic_proposals_allowed = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rollover_company_results", x => new { x.fiscal_year, x.company_id });
                });

            migrationBuilder.CreateTable(
                name: "rollover_runs",
                schema: "core",
                columns: table => new
                {
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    companies_processed = table.Column<int>(type: "integer", nullable: false),
                    triggered_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rollover_runs", x => x.fiscal_year);
                });

            migrationBuilder.CreateTable(
                name: "ticket_accounts",
                schema: "core",
                columns: table => new
                {
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    annual_grant_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lapsed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_accounts", x => new { x.company_id, x.fiscal_year });
                    table.ForeignKey(
                        name: "fk_ticket_accounts_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ticket_ledger",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<int>(type: "integer", nullable: false),
                    reservation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    service_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_ledger", x => x.id);
                    table.CheckConstraint("ck_ticket_ledger_sign", "(kind = 'Grant' AND amount > 0) OR (kind = 'Spend' AND amount < 0) OR (kind = 'Refund' AND amount > 0) OR (kind = 'Lapse' AND amount < 0) OR (kind = 'Adjustment' AND amount <> 0 AND reason IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_ticket_ledger_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ticket_reservations",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    cost = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    release_cause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    release_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_reservations", x => x.id);
                    table.CheckConstraint("ck_ticket_reservations_cost", "cost > 0");
                    table.ForeignKey(
                        name: "fk_ticket_reservations_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quote_requests",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    aws_account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    route = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    backlog_project_key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    requested_by = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quote_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_quote_requests_aws_accounts_aws_account_id",
                        column: x => x.aws_account_id,
                        principalSchema: "core",
                        principalTable: "aws_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_quote_requests_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                schema: "core",
                table: "catalogue_entries",
                columns: new[] { "id", "allowed_contract_types", "allowed_ranks", "category", "customer_cancellable", "is_active", "name_en", "name_ja", "one_aws_account_per_application", "sort_order", "ticket_cost", "updated_at", "updated_by", "yearly_capacity" },
                values: new object[,]
                {
                    { "ACCT-D", new string[0], new string[0], "Security", true, true, "AWS account diagnosis", "AWSアカウント診断", true, 30, 5, null, null, null },
                    { "COST-C", new string[0], new string[0], "CostOptimisation", true, true, "Cost optimisation consulting", "コスト最適化コンサルティング", false, 10, 10, null, null, null },
                    { "COST-L", new string[0], new string[0], "CostOptimisation", true, true, "Cost optimisation consulting Lite", "コスト最適化コンサルティングLite", true, 20, 5, null, null, null },
                    { "SEC-C", new string[0], new string[0], "Security", true, true, "Security consulting", "セキュリティコンサルティング", false, 40, 10, null, null, null },
                    { "SEC-L", new string[0], new string[0], "Security", true, true, "Security consulting Lite", "セキュリティコンサルティングLite", true, 50, 5, null, null, null },
                    { "TRAIN-1", new string[0], new string[0], "Training", true, true, "AWS training", "AWSトレーニング", false, 60, 2, null, null, null },
                    { "WEB-L", new string[0], new string[0], "Security", false, true, "Web vulnerability scan Lite (powered by KDSec)", "Web脆弱性診断Lite(Powered by KDSec)", false, 70, 10, null, null, 12 }
                });

            migrationBuilder.InsertData(
                schema: "core",
                table: "rank_definitions",
                columns: new[] { "rank", "basic_proposals_per_year", "name_en", "name_ja", "tickets_per_year" },
                values: new object[,]
                {
                    { "Bronze", 0, "Bronze", "ブロンズ", 2 },
                    { "Gold", 3, "Gold", "ゴールド", 15 },
                    { "Platinum", 4, "Platinum", "プラチナ", 20 },
                    { "Regular", 0, "Regular", "レギュラー", 0 },
                    { "Silver", 2, "Silver", "シルバー", 5 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_aws_accounts_account_id",
                schema: "core",
                table: "aws_accounts",
                column: "account_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_aws_accounts_company_id",
                schema: "core",
                table: "aws_accounts",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_basic_service_proposals_company_id_fiscal_year",
                schema: "core",
                table: "basic_service_proposals",
                columns: new[] { "company_id", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "ix_contracts_company_id",
                schema: "core",
                table: "contracts",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_quote_requests_aws_account_id",
                schema: "core",
                table: "quote_requests",
                column: "aws_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_quote_requests_company_id",
                schema: "core",
                table: "quote_requests",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_rank_assignments_company_id_fiscal_year_id",
                schema: "core",
                table: "rank_assignments",
                columns: new[] { "company_id", "fiscal_year", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_ledger_company_id_fiscal_year_id",
                schema: "core",
                table: "ticket_ledger",
                columns: new[] { "company_id", "fiscal_year", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_reservations_application_id",
                schema: "core",
                table: "ticket_reservations",
                column: "application_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ticket_reservations_company_id",
                schema: "core",
                table: "ticket_reservations",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_ticket_reservations_service_id_fiscal_year",
                schema: "core",
                table: "ticket_reservations",
                columns: new[] { "service_id", "fiscal_year" });

            // TKT-4: the ledger is append-only; corrections are new entries, never edits.
            migrationBuilder.Sql(@"
CREATE FUNCTION core.ticket_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'core.ticket_ledger is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER ticket_ledger_append_only BEFORE UPDATE OR DELETE ON core.ticket_ledger
    FOR EACH ROW EXECUTE FUNCTION core.ticket_ledger_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ticket_ledger_append_only ON core.ticket_ledger; DROP FUNCTION IF EXISTS core.ticket_ledger_append_only();");

            migrationBuilder.DropTable(
                name: "annual_transactions",
                schema: "core");

            migrationBuilder.DropTable(
                name: "basic_service_proposals",
                schema: "core");

            migrationBuilder.DropTable(
                name: "calendar_overrides",
                schema: "core");

            migrationBuilder.DropTable(
                name: "catalogue_entries",
                schema: "core");

            migrationBuilder.DropTable(
                name: "contracts",
                schema: "core");

            migrationBuilder.DropTable(
                name: "quote_requests",
                schema: "core");

            migrationBuilder.DropTable(
                name: "rank_assignments",
                schema: "core");

            migrationBuilder.DropTable(
                name: "rank_definitions",
                schema: "core");

            migrationBuilder.DropTable(
                name: "rank_thresholds",
                schema: "core");

            migrationBuilder.DropTable(
                name: "rollover_company_results",
                schema: "core");

            migrationBuilder.DropTable(
                name: "rollover_runs",
                schema: "core");

            migrationBuilder.DropTable(
                name: "ticket_accounts",
                schema: "core");

            migrationBuilder.DropTable(
                name: "ticket_ledger",
                schema: "core");

            migrationBuilder.DropTable(
                name: "ticket_reservations",
                schema: "core");

            migrationBuilder.DropTable(
                name: "aws_accounts",
                schema: "core");

            migrationBuilder.DropColumn(
                name: "enrolled_at",
                schema: "core",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "industry",
                schema: "core",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "is_alliance_partner",
                schema: "core",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "is_public_body",
                schema: "core",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "is_served_through_third_party",
                schema: "core",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "status",
                schema: "core",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "suspended_at",
                schema: "core",
                table: "companies");
        }
    }
}
