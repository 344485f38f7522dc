using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Consult_ConsultingServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "attachments",
                schema: "core",
                table: "notifications",
                type: "jsonb",
                nullable: true);

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "COST-C",
                columns: new[] { "apply_form", "workflow_definition_id" },
                values: new object[] { "{ \"fields\": [\n  { \"name\": \"theme\", \"type\": \"text\", \"required\": true, \"maxLength\": 2000,\n    \"label\": { \"ja\": \"ご相談のテーマ(見直したい費用・サービスなど)\", \"en\": \"What you want to discuss (costs or services to review)\" } },\n  { \"name\": \"wishedDates\", \"type\": \"text\", \"maxLength\": 1000,\n    \"label\": { \"ja\": \"スコーピング会議(オンライン1〜2時間)の希望日時(任意)\", \"en\": \"Wished dates for the scoping meeting, online 1-2 h (optional)\" } },\n  { \"name\": \"awsCharges\", \"type\": \"choice\", \"required\": true, \"options\": [\"accept\"],\n    \"optionLabels\": { \"accept\": { \"ja\": \"AWS の利用料金はお客様のご負担となることを了承しました\", \"en\": \"I understand that AWS charges in our account are ours to pay\" } },\n    \"label\": { \"ja\": \"AWS 利用料金について(必須)\", \"en\": \"AWS charges (required)\" },\n    \"help\": { \"ja\": \"本プログラム(cloudpack+)のサービスは無料です。ただし、調査や提案の実施によりお客様の AWS アカウントで発生する利用料金(Cost Explorer API など)は、AWS からお客様に請求されます。\", \"en\": \"The cloudpack+ programme's services are free. AWS charges caused in your AWS account by the investigation or by what we propose (e.g. Cost Explorer API requests) are billed to you by AWS.\" } }\n] }", "cost-c" });

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "SEC-C",
                columns: new[] { "apply_form", "workflow_definition_id" },
                values: new object[] { "{ \"fields\": [\n  { \"name\": \"theme\", \"type\": \"text\", \"required\": true, \"maxLength\": 2000,\n    \"label\": { \"ja\": \"ご相談のテーマ(気になっているセキュリティ上の点など)\", \"en\": \"What you want to discuss (security concerns)\" } },\n  { \"name\": \"wishedDates\", \"type\": \"text\", \"maxLength\": 1000,\n    \"label\": { \"ja\": \"スコーピング会議(オンライン1〜2時間)の希望日時(任意)\", \"en\": \"Wished dates for the scoping meeting, online 1-2 h (optional)\" } },\n  { \"name\": \"awsCharges\", \"type\": \"choice\", \"required\": true, \"options\": [\"accept\"],\n    \"optionLabels\": { \"accept\": { \"ja\": \"AWS の利用料金はお客様のご負担となることを了承しました\", \"en\": \"I understand that AWS charges in our account are ours to pay\" } },\n    \"label\": { \"ja\": \"AWS 利用料金について(必須)\", \"en\": \"AWS charges (required)\" },\n    \"help\": { \"ja\": \"本プログラム(cloudpack+)のサービスは無料です。ただし、調査や提案の実施によりお客様の AWS アカウントで発生する利用料金(Security Hub・AWS Config などを有効にした場合を含む)は、AWS からお客様に請求されます。\", \"en\": \"The cloudpack+ programme's services are free. AWS charges caused in your AWS account by the investigation or by what we propose (including Security Hub or AWS Config if enabled) are billed to you by AWS.\" } }\n] }", "sec-c" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "attachments",
                schema: "core",
                table: "notifications");

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "COST-C",
                columns: new[] { "apply_form", "workflow_definition_id" },
                values: new object[] { null, null });

            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "SEC-C",
                columns: new[] { "apply_form", "workflow_definition_id" },
                values: new object[] { null, null });
        }
    }
}
