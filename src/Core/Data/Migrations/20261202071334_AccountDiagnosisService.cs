using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountDiagnosisService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "ACCT-D",
                columns: new[] { "apply_form", "workflow_definition_id" },
                values: new object[] { "{ \"fields\": [\n  { \"name\": \"account\", \"type\": \"account\", \"required\": true,\n    \"label\": { \"ja\": \"診断するAWSアカウント\", \"en\": \"AWS account to diagnose\" },\n    \"help\": { \"ja\": \"御社に紐付いたAWSアカウントから1つ選んでください。\", \"en\": \"Choose one of the AWS accounts linked to your company.\" } },\n  { \"name\": \"standards\", \"type\": \"choice\", \"required\": true, \"options\": [\"fsbp\", \"fsbp-cis\"],\n    \"optionLabels\": {\n      \"fsbp\": { \"ja\": \"AWS 基礎セキュリティのベストプラクティス (FSBP)\", \"en\": \"AWS Foundational Security Best Practices (FSBP)\" },\n      \"fsbp-cis\": { \"ja\": \"FSBP と CIS AWS Foundations Benchmark v1.4.0\", \"en\": \"FSBP and CIS AWS Foundations Benchmark v1.4.0\" } },\n    \"label\": { \"ja\": \"チェックするセキュリティ標準\", \"en\": \"Security standards to check\" } },\n  { \"name\": \"chargesAcknowledged\", \"type\": \"boolean\", \"required\": true, \"mustBeTrue\": true,\n    \"label\": { \"ja\": \"AWS Config と AWS Security Hub の利用料金がAWSから御社に請求されることを了承します\", \"en\": \"I understand that AWS charges my company for AWS Config and AWS Security Hub\" },\n    \"help\": { \"ja\": \"診断では、無効になっている AWS Config(記録)と AWS Security Hub を有効にします。これらの料金は当社ではなくAWSから御社に請求されます(目安: 小規模な環境で月額 約2米ドル)。診断後に無効化を選べます。\", \"en\": \"The diagnosis turns on AWS Config recording and AWS Security Hub where they are off. AWS, not us, charges your company for them (about USD 2 a month for a small environment). You may have them turned off after the diagnosis.\" } }\n] }", "acct-d" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UpdateData(
                schema: "core",
                table: "catalogue_entries",
                keyColumn: "id",
                keyValue: "ACCT-D",
                columns: new[] { "apply_form", "workflow_definition_id" },
                values: new object[] { null, null });
        }
    }
}
