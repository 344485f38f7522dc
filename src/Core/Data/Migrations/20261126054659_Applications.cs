using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Applications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "application_numbers",
                schema: "core");

            migrationBuilder.AddColumn<string>(
                name: "description_en",
                schema: "core",
                table: "catalogue_entries",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "description_ja",
                schema: "core",
                table: "catalogue_entries",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "workflow_definition_id",
                schema: "core",
                table: "catalogue_entries",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "applications",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    applied_by = table.Column<Guid>(type: "uuid", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reservation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workflow_instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false),
                    scheduled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    csm_id = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    close_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_applications", x => x.id);
                    table.ForeignKey(
                        name: "fk_applications_companies_company_id",
                        column: x => x.company_id,
                        principalSchema: "core",
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_applications_people_applied_by",
                        column: x => x.applied_by,
                        principalSchema: "core",
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    title_ja = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    title_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body_ja = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    body_en = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    mailed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_people_recipient_id",
                        column: x => x.recipient_id,
                        principalSchema: "core",
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "training_topics",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title_ja = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description_ja = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    description_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    reviewed_for_year = table.Column<int>(type: "integer", nullable: false),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_topics", x => x.id);
                    table.CheckConstraint("ck_training_topics_duration", "duration_minutes BETWEEN 30 AND 540");
                });

            migrationBuilder.CreateTable(
                name: "application_messages",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_staff = table.Column<bool>(type: "boolean", nullable: false),
                    body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_application_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_application_messages_applications_application_id",
                        column: x => x.application_id,
                        principalSchema: "core",
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_application_messages_people_author_id",
                        column: x => x.author_id,
                        principalSchema: "core",
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "message_attachments",
                schema: "core",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_attachments", x => x.id);
                    table.CheckConstraint("ck_message_attachments_size", "size > 0 AND size <= 10485760");
                    table.ForeignKey(
                        name: "fk_message_attachments_application_messages_message_id",
                        column: x => x.message_id,
                        principalSchema: "core",
                        principalTable: "application_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "ACCT-D",
                columns: new[] { "description_en", "description_ja", "workflow_definition_id" },
                values: new object[] { "One AWS account: diagnosis IAM role → enable AWS Config and Security Hub → collect findings and deliver the report → delete the diagnosis role.", "AWSアカウント1つ。診断用IAMロール作成 → AWS Config・Security Hubの有効化と設定 → 検出結果の収集とレポート → 診断ロールの削除。", null });

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "COST-C",
                columns: new[] { "description_en", "description_ja", "workflow_definition_id" },
                values: new object[] { "Scoping meeting (online, 1-2 h) → investigation by the CSM (read access arranged if missing) → report and proposal meeting (1-2 h).", "スコーピング会議(オンライン1〜2時間)→ CSMによる調査(参照権限がなければ設定を依頼)→ 報告・提案会議(1〜2時間)。", null });

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "COST-L",
                columns: new[] { "description_en", "description_ja", "workflow_definition_id" },
                values: new object[] { "One AWS account per application; diagnosis with Trusted Advisor and Compute Optimizer: meeting (1 h) → investigation → report and proposal (1 h).", "1申請につきAWSアカウント1つ。Trusted AdvisorとCompute Optimizerで診断:会議(1時間)→ 調査 → 報告・提案(1時間)。", null });

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "SEC-C",
                columns: new[] { "description_en", "description_ja", "workflow_definition_id" },
                values: new object[] { "On security: scoping meeting → investigation → report and proposal meeting.", "セキュリティをテーマに、スコーピング会議 → 調査 → 報告・提案会議を行います。", null });

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "SEC-L",
                columns: new[] { "description_en", "description_ja", "workflow_definition_id" },
                values: new object[] { "One AWS account; Well-Architected Framework and Trusted Advisor: meeting to set the date (1 h) → diagnosis → report of risks and improvements.", "AWSアカウント1つ。Well-Architected FrameworkとTrusted Advisorに基づく診断:日程調整会議(1時間)→ 診断 → リスクと改善策のレポート。", null });

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "TRAIN-1",
                columns: new[] { "description_en", "description_ja", "workflow_definition_id" },
                values: new object[] { "One training per application: seminar or hands-on, online, about 2 h. Content and date are agreed with you in the portal. The training menu is reviewed yearly.", "1申請につき1回。セミナーまたはハンズオン、オンラインで約2時間。内容と日程はポータル上でお客様と調整します。トレーニングメニューは毎年見直します。", "aws-training" });

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "WEB-L",
                columns: new[] { "description_en", "description_ja", "workflow_definition_id" },
                values: new object[] { "Web vulnerability scan by our partner KDSec: hearing sheet at application (targets, wished dates) → schedule → scan of at most 15 actions → report. Cannot be cancelled once applied.", "パートナー(KDSec)によるWeb脆弱性診断。申込時にヒアリングシート(対象・希望時期)→ 日程調整 → 最大15アクションの診断 → 所定形式のレポート。申込後のキャンセルはできません。", null });

            migrationBuilder.InsertData(
                schema: "core",
                table: "training_topics",
                columns: new[] { "id", "description_en", "description_ja", "duration_minutes", "format", "is_active", "reviewed_for_year", "sort_order", "title_en", "title_ja", "updated_at", "updated_by" },
                values: new object[,]
                {
                    { new Guid("0193a000-0000-7000-8000-000000000001"), "A seminar on the roles of EC2, S3, VPC, IAM and other core services.", "EC2・S3・VPC・IAMなど主要サービスの役割と使い分けを学ぶセミナーです。", 120, "Seminar", true, 2026, 10, "Introduction to AWS (cloud basics and core services)", "AWS入門(クラウドの基礎と主要サービス)", null, null },
                    { new Guid("0193a000-0000-7000-8000-000000000002"), "Hands-on: IAM policy design, MFA and protecting the root user.", "IAMポリシー設計、MFA、ルートユーザー保護をハンズオンで学びます。", 120, "HandsOn", true, 2026, 20, "IAM and account security in practice", "IAMとアカウントセキュリティ実践", null, null },
                    { new Guid("0193a000-0000-7000-8000-000000000003"), "How AWS charges, analysing with Cost Explorer, and budget alerts.", "料金の仕組み、Cost Explorerでの分析、予算アラートの設定を解説します。", 120, "Seminar", true, 2026, 30, "Cost management basics (Cost Explorer and Budgets)", "コスト管理の基本(Cost ExplorerとBudgets)", null, null },
                    { new Guid("0193a000-0000-7000-8000-000000000004"), "Hands-on: build a small API with Lambda and API Gateway.", "LambdaとAPI Gatewayで簡単なAPIを作るハンズオンです。", 120, "HandsOn", true, 2026, 40, "Serverless basics (Lambda and API Gateway)", "サーバーレス入門(LambdaとAPI Gateway)", null, null }
                });

            migrationBuilder.CreateIndex(
                name: "ix_application_messages_application_id_created_at",
                schema: "core",
                table: "application_messages",
                columns: new[] { "application_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_application_messages_author_id",
                schema: "core",
                table: "application_messages",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_applications_applied_by",
                schema: "core",
                table: "applications",
                column: "applied_by");

            migrationBuilder.CreateIndex(
                name: "ix_applications_company_id_applied_at",
                schema: "core",
                table: "applications",
                columns: new[] { "company_id", "applied_at" });

            migrationBuilder.CreateIndex(
                name: "ix_applications_number",
                schema: "core",
                table: "applications",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_applications_reservation_id",
                schema: "core",
                table: "applications",
                column: "reservation_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_message_attachments_application_id",
                schema: "core",
                table: "message_attachments",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_message_attachments_message_id",
                schema: "core",
                table: "message_attachments",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_recipient_id_created_at",
                schema: "core",
                table: "notifications",
                columns: new[] { "recipient_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_unmailed",
                schema: "core",
                table: "notifications",
                column: "created_at",
                filter: "mailed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "message_attachments",
                schema: "core");

            migrationBuilder.DropTable(
                name: "notifications",
                schema: "core");

            migrationBuilder.DropTable(
                name: "training_topics",
                schema: "core");

            migrationBuilder.DropTable(
                name: "application_messages",
                schema: "core");

            migrationBuilder.DropTable(
                name: "applications",
                schema: "core");

            migrationBuilder.DropColumn(
                name: "description_en",
                schema: "core",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "description_ja",
                schema: "core",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "workflow_definition_id",
                schema: "core",
                table: "catalogue_entries");

            migrationBuilder.DropSequence(
                name: "application_numbers",
                schema: "core");
        }
    }
}
