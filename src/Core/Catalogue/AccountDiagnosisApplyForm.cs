namespace CloudpackPlus.Core.Catalogue;

/// <summary>
/// The ACCT-D apply form: exactly one linked AWS account (ELIG-3), the Security Hub standards to check against, and the
/// required acknowledgement that AWS charges the customer for AWS Config and Security Hub (ACCT-1), shown before submit.
/// </summary>
internal static class AccountDiagnosisApplyForm
{
    public const string Json = """
        { "fields": [
          { "name": "account", "type": "account", "required": true,
            "label": { "ja": "診断するAWSアカウント", "en": "AWS account to diagnose" },
            "help": { "ja": "御社に紐付いたAWSアカウントから1つ選んでください。", "en": "Choose one of the AWS accounts linked to your company." } },
          { "name": "standards", "type": "choice", "required": true, "options": ["fsbp", "fsbp-cis"],
            "optionLabels": {
              "fsbp": { "ja": "AWS 基礎セキュリティのベストプラクティス (FSBP)", "en": "AWS Foundational Security Best Practices (FSBP)" },
              "fsbp-cis": { "ja": "FSBP と CIS AWS Foundations Benchmark v1.4.0", "en": "FSBP and CIS AWS Foundations Benchmark v1.4.0" } },
            "label": { "ja": "チェックするセキュリティ標準", "en": "Security standards to check" } },
          { "name": "chargesAcknowledged", "type": "boolean", "required": true, "mustBeTrue": true,
            "label": { "ja": "AWS Config と AWS Security Hub の利用料金がAWSから御社に請求されることを了承します", "en": "I understand that AWS charges my company for AWS Config and AWS Security Hub" },
            "help": { "ja": "診断では、無効になっている AWS Config(記録)と AWS Security Hub を有効にします。これらの料金は当社ではなくAWSから御社に請求されます(目安: 小規模な環境で月額 約2米ドル)。診断後に無効化を選べます。", "en": "The diagnosis turns on AWS Config recording and AWS Security Hub where they are off. AWS, not us, charges your company for them (about USD 2 a month for a small environment). You may have them turned off after the diagnosis." } }
        ] }
        """;
}
