namespace CloudpackPlus.Core.Catalogue;

/// <summary>
/// COST-L's and SEC-L's apply forms as seeded data: exactly one of the company's linked AWS accounts (ELIG-3),
/// wished dates and focus, and a required acknowledgement of what AWS charges the customer (PRICE-1).
/// </summary>
internal static class LiteApplyForms
{
    public const string CostLite = """
        { "fields": [
          { "name": "account", "type": "account", "required": true,
            "label": { "ja": "対象のAWSアカウント(1つ)", "en": "AWS account (one)" },
            "help": { "ja": "当社が発行し貴社に紐付けたアカウントから1つ選んでください。読み取り専用ロールで Trusted Advisor・Compute Optimizer・Cost Explorer を参照します。", "en": "One of the accounts we issued and linked to your company. We read Trusted Advisor, Compute Optimizer and Cost Explorer through the read-only role." } },
          { "name": "wishedDates", "type": "text", "maxLength": 1000,
            "label": { "ja": "キックオフ会議(1時間)の希望日時(任意)", "en": "Wished dates for the kick-off meeting, 1 h (optional)" } },
          { "name": "focus", "type": "text", "maxLength": 2000,
            "label": { "ja": "特に見直したい費用・サービス(任意)", "en": "Costs or services you most want reviewed (optional)" } },
          { "name": "awsCharges", "type": "choice", "required": true, "options": ["accept"],
            "optionLabels": { "accept": { "ja": "AWS の利用料金はお客様のご負担となることを了承しました", "en": "I understand that AWS charges for this usage are ours to pay" } },
            "label": { "ja": "AWS 利用料金について(必須)", "en": "AWS charges (required)" },
            "help": { "ja": "本サービスは無料ですが、AWS が課金する利用料はお客様のアカウントに請求されます。Cost Explorer API は1リクエストあたり0.01 USD(本診断で数リクエスト)です。Trusted Advisor の API にはビジネス以上のサポートプランが必要です。", "en": "The service is free, but what AWS charges is billed to your account: Cost Explorer API requests cost USD 0.01 each (a few per diagnosis). The Trusted Advisor API needs a Business or higher support plan." } }
        ] }
        """;

    public const string SecurityLite = """
        { "fields": [
          { "name": "account", "type": "account", "required": true,
            "label": { "ja": "対象のAWSアカウント(1つ)", "en": "AWS account (one)" },
            "help": { "ja": "当社が発行し貴社に紐付けたアカウントから1つ選んでください。読み取り専用ロールで Well-Architected Tool と Trusted Advisor を参照します。", "en": "One of the accounts we issued and linked to your company. We use the Well-Architected Tool and Trusted Advisor through the read-only role." } },
          { "name": "wishedDates", "type": "text", "maxLength": 1000,
            "label": { "ja": "日程調整会議(1時間)の希望日時(任意)", "en": "Wished dates for the meeting, 1 h (optional)" } },
          { "name": "focus", "type": "text", "maxLength": 2000,
            "label": { "ja": "特に気になっているセキュリティ上の点(任意)", "en": "Security concerns you want us to look at (optional)" } },
          { "name": "awsCharges", "type": "choice", "required": true, "options": ["accept"],
            "optionLabels": { "accept": { "ja": "AWS の利用料金はお客様のご負担となること、ワークロードが作成されることを了承しました", "en": "I understand that AWS charges are ours to pay and that a workload is created" } },
            "label": { "ja": "AWS 利用料金とアカウントへの変更について(必須)", "en": "AWS charges and changes to the account (required)" },
            "help": { "ja": "本サービスは無料です。Well-Architected Tool は無料ですが、レビュー用のワークロード「cloudpack+ SEC-L <アカウントID>」をアカウントに作成します(次回の診断で再利用します)。Trusted Advisor の API にはビジネス以上のサポートプラン(お客様のご契約)が必要です。", "en": "The service is free. The Well-Architected Tool costs nothing, but we create the workload \"cloudpack+ SEC-L <account id>\" in your account (reused by the next review). The Trusted Advisor API needs a Business or higher support plan (your subscription)." } }
        ] }
        """;
}
