using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Inq_InquiriesQuotesBasicCycles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "application_id",
                schema: "core",
                table: "quote_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "desired_timing",
                schema: "core",
                table: "quote_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "inquiry_id",
                schema: "core",
                table: "quote_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                schema: "core",
                table: "quote_requests",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Pending");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "outcome_at",
                schema: "core",
                table: "quote_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "outcome_by",
                schema: "core",
                table: "quote_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome_note",
                schema: "core",
                table: "quote_requests",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "aws_account_id",
                schema: "core",
                table: "basic_service_proposals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "backlog_issue_key",
                schema: "core",
                table: "basic_service_proposals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "backlog_issue_url",
                schema: "core",
                table: "basic_service_proposals",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completed_at",
                schema: "core",
                table: "basic_service_proposals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "delivered_at",
                schema: "core",
                table: "basic_service_proposals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "effect",
                schema: "core",
                table: "basic_service_proposals",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "proposal",
                schema: "core",
                table: "basic_service_proposals",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reported_at",
                schema: "core",
                table: "basic_service_proposals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                schema: "core",
                table: "basic_service_proposals",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "InProgress");

            migrationBuilder.AddColumn<string>(
                name: "work_report",
                schema: "core",
                table: "basic_service_proposals",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "workflow_instance_id",
                schema: "core",
                table: "basic_service_proposals",
                type: "uuid",
                nullable: true);

            // Cycles recorded before this migration counted when started: keep them counted (delivered at their start).
            migrationBuilder.Sql("UPDATE core.basic_service_proposals SET status = 'Delivered', delivered_at = started_at WHERE workflow_instance_id IS NULL;");

            migrationBuilder.CreateTable(
                name: "inquiries",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    opened_by = table.Column<Guid>(type: "uuid", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assignee_id = table.Column<Guid>(type: "uuid", nullable: true),
                    last_activity_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    redirect_version = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiries", x => x.id);
                    table.ForeignKey(
                        name: "fk_inquiries_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inquiries_people_assignee_id",
                        column: x => x.assignee_id,
                        principalSchema: "core",
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inquiries_people_opened_by",
                        column: x => x.opened_by,
                        principalSchema: "core",
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inquiry_redirect_texts",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    text_ja = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    text_en = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiry_redirect_texts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inquiry_messages",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    inquiry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_staff = table.Column<bool>(type: "boolean", nullable: false),
                    body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiry_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_inquiry_messages_inquiries_inquiry_id",
                        column: x => x.inquiry_id,
                        principalSchema: "core",
                        principalTable: "inquiries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_inquiry_messages_people_author_id",
                        column: x => x.author_id,
                        principalSchema: "core",
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inquiry_attachments",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    inquiry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiry_attachments", x => x.id);
                    table.CheckConstraint("ck_inquiry_attachments_size", "size > 0 AND size <= 10485760");
                    table.ForeignKey(
                        name: "fk_inquiry_attachments_inquiry_messages_message_id",
                        column: x => x.message_id,
                        principalSchema: "core",
                        principalTable: "inquiry_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_quote_requests_application_id",
                schema: "core",
                table: "quote_requests",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_quote_requests_inquiry_id",
                schema: "core",
                table: "quote_requests",
                column: "inquiry_id");

            migrationBuilder.CreateIndex(
                name: "ix_quote_requests_outcome_requested_at",
                schema: "core",
                table: "quote_requests",
                columns: new[] { "outcome", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_basic_service_proposals_aws_account_id",
                schema: "core",
                table: "basic_service_proposals",
                column: "aws_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_basic_service_proposals_workflow_instance_id",
                schema: "core",
                table: "basic_service_proposals",
                column: "workflow_instance_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_assignee_id",
                schema: "core",
                table: "inquiries",
                column: "assignee_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_company_id_opened_at",
                schema: "core",
                table: "inquiries",
                columns: new[] { "company_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_number",
                schema: "core",
                table: "inquiries",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_opened_by",
                schema: "core",
                table: "inquiries",
                column: "opened_by");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_status_opened_at",
                schema: "core",
                table: "inquiries",
                columns: new[] { "status", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_attachments_inquiry_id",
                schema: "core",
                table: "inquiry_attachments",
                column: "inquiry_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_attachments_message_id",
                schema: "core",
                table: "inquiry_attachments",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_messages_author_id",
                schema: "core",
                table: "inquiry_messages",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_messages_inquiry_id_created_at",
                schema: "core",
                table: "inquiry_messages",
                columns: new[] { "inquiry_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_redirect_texts_category_version",
                schema: "core",
                table: "inquiry_redirect_texts",
                columns: new[] { "category", "version" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_basic_service_proposals_aws_accounts_aws_account_id",
                schema: "core",
                table: "basic_service_proposals",
                column: "aws_account_id",
                principalSchema: "core",
                principalTable: "aws_accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_quote_requests_applications_application_id",
                schema: "core",
                table: "quote_requests",
                column: "application_id",
                principalSchema: "core",
                principalTable: "applications",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_quote_requests_inquiry_inquiry_id",
                schema: "core",
                table: "quote_requests",
                column: "inquiry_id",
                principalSchema: "core",
                principalTable: "inquiries",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_basic_service_proposals_aws_accounts_aws_account_id",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropForeignKey(
                name: "fk_quote_requests_applications_application_id",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropForeignKey(
                name: "fk_quote_requests_inquiry_inquiry_id",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropTable(
                name: "inquiry_attachments",
                schema: "core");

            migrationBuilder.DropTable(
                name: "inquiry_redirect_texts",
                schema: "core");

            migrationBuilder.DropTable(
                name: "inquiry_messages",
                schema: "core");

            migrationBuilder.DropTable(
                name: "inquiries",
                schema: "core");

            migrationBuilder.DropIndex(
                name: "ix_quote_requests_application_id",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropIndex(
                name: "ix_quote_requests_inquiry_id",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropIndex(
                name: "ix_quote_requests_outcome_requested_at",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropIndex(
                name: "ix_basic_service_proposals_aws_account_id",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropIndex(
                name: "ix_basic_service_proposals_workflow_instance_id",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropColumn(
                name: "application_id",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropColumn(
                name: "desired_timing",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropColumn(
                name: "inquiry_id",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropColumn(
                name: "outcome",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropColumn(
                name: "outcome_at",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropColumn(
                name: "outcome_by",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropColumn(
                name: "outcome_note",
                schema: "core",
                table: "quote_requests");

            migrationBuilder.DropColumn(
                name: "aws_account_id",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropColumn(
                name: "backlog_issue_key",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropColumn(
                name: "backlog_issue_url",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropColumn(
                name: "completed_at",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropColumn(
                name: "delivered_at",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropColumn(
                name: "effect",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropColumn(
                name: "proposal",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropColumn(
                name: "reported_at",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropColumn(
                name: "status",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropColumn(
                name: "work_report",
                schema: "core",
                table: "basic_service_proposals");

            migrationBuilder.DropColumn(
                name: "workflow_instance_id",
                schema: "core",
                table: "basic_service_proposals");
        }
    }
}
