namespace CloudpackPlus.Core.Catalogue;

/// <summary>
/// COST-C's and SEC-C's apply forms as seeded data: the theme, wished dates for the scoping meeting and a required
/// acknowledgement that AWS charges caused in the customer's account are the customer's (PRICE-1; the programme is free).
/// </summary>
internal static class ConsultingApplyForms
{
    public const string Cost = """
        { "fields": [
          { "name": "theme", "type": "text", "required": true, "maxLength": 2000,
            "label": { "ja": "ご相談のテーマ(見直したい費用・サービスなど)", "en": "What you want to discuss (costs or services to review)" } },
          { "name": "wishedDates", "type": "text", "maxLength": 1000,
            "label": { "ja": "スコーピング会議(オンライン1〜2時間)の希望日時(任意)", "en": "Wished dates for the scoping meeting, online 1-2 h (optional)" } },
          { "name": "awsCharges", "type": "choice", "required": true, "options": ["accept"],
            "optionLabels": { "accept": { "ja": "AWS の利用料金はお客様のご負担となることを了承しました", "en": "I understand that AWS charges in our account are ours to pay" } },
            "label": { "ja": "AWS 利用料金について(必須)", "en": "AWS charges (required)" },
            "help": { "ja": "本プログラム(cloudpack+)のサービスは無料です。ただし、調査や提案の実施によりお客様の AWS アカウントで発生する利用料金(Cost Explorer API など)は、AWS からお客様に請求されます。", "en": "The cloudpack+ programme's services are free. AWS charges caused in your AWS account by the investigation or by what we propose (e.g. Cost Explorer API requests) are billed to you by AWS." } }
        ] }
        """;

    public const string Security = """
        { "fields": [
          { "name": "theme", "type": "text", "required": true, "maxLength": 2000,
            "label": { "ja": "ご相談のテーマ(気になっているセキュリティ上の点など)", "en": "What you want to discuss (security concerns)" } },
          { "name": "wishedDates", "type": "text", "maxLength": 1000,
            "label": { "ja": "スコーピング会議(オンライン1〜2時間)の希望日時(任意)", "en": "Wished dates for the scoping meeting, online 1-2 h (optional)" } },
          { "name": "awsCharges", "type": "choice", "required": true, "options": ["accept"],
            "optionLabels": { "accept": { "ja": "AWS の利用料金はお客様のご負担となることを了承しました", "en": "I understand that AWS charges in our account are ours to pay" } },
            "label": { "ja": "AWS 利用料金について(必須)", "en": "AWS charges (required)" },
            "help": { "ja": "本プログラム(cloudpack+)のサービスは無料です。ただし、調査や提案の実施によりお客様の AWS アカウントで発生する利用料金(Security Hub・AWS Config などを有効にした場合を含む)は、AWS からお客様に請求されます。", "en": "The cloudpack+ programme's services are free. AWS charges caused in your AWS account by the investigation or by what we propose (including Security Hub or AWS Config if enabled) are billed to you by AWS." } }
        ] }
        """;
}
