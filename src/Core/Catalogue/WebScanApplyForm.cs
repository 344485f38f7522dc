namespace CloudpackPlus.Core.Catalogue;

/// <summary>
/// WEB-L's apply form, the hearing sheet, as seeded data (the form language; admins change it through
/// <c>PUT /api/services/WEB-L</c>): public target URLs, environment, 1–3 wished periods starting on a business day no
/// earlier than 20 business days after the application (WEB-5), at most 15 actions (WEB-1), the contact for the scan
/// day, and acceptance of the terms of use and the service specification (WEB-2, versions recorded).
/// </summary>
internal static class WebScanApplyForm
{
    /// <summary>The terms of use's document id (published by staff with <c>PUT /api/terms/kdsec-scan-terms</c>).</summary>
    public const string TermsOfUse = "kdsec-scan-terms";

    /// <summary>The service specification's document id.</summary>
    public const string Specification = "kdsec-scan-spec";

    public const string Json = """
        { "fields": [
          { "name": "targets", "type": "list", "minItems": 1, "maxItems": 10, "maxLength": 500, "format": "public-url",
            "label": { "ja": "診断対象のURL(1行に1つ)", "en": "Target URLs (one per line)" },
            "help": { "ja": "http(s)で始まる公開URL。社内・プライベート・ループバック・リンクローカルのアドレスは指定できません。", "en": "Public http(s) URLs. Internal, private, loopback and link-local addresses are not accepted." } },
          { "name": "environment", "type": "choice", "required": true, "options": ["production", "staging"],
            "optionLabels": { "production": { "ja": "本番環境", "en": "Production" }, "staging": { "ja": "検証(ステージング)環境", "en": "Staging" } },
            "label": { "ja": "対象環境", "en": "Environment" } },
          { "name": "period1From", "type": "date", "required": true, "minBusinessDaysAhead": 20, "businessDay": true,
            "label": { "ja": "第1希望期間(開始日)", "en": "1st wished period: from" } },
          { "name": "period1To", "type": "date", "required": true, "notBeforeField": "period1From",
            "label": { "ja": "第1希望期間(終了日)", "en": "1st wished period: to" } },
          { "name": "period2From", "type": "date", "minBusinessDaysAhead": 20, "businessDay": true,
            "label": { "ja": "第2希望期間(開始日・任意)", "en": "2nd wished period: from (optional)" } },
          { "name": "period2To", "type": "date", "notBeforeField": "period2From",
            "label": { "ja": "第2希望期間(終了日・任意)", "en": "2nd wished period: to (optional)" } },
          { "name": "period3From", "type": "date", "minBusinessDaysAhead": 20, "businessDay": true,
            "label": { "ja": "第3希望期間(開始日・任意)", "en": "3rd wished period: from (optional)" } },
          { "name": "period3To", "type": "date", "notBeforeField": "period3From",
            "label": { "ja": "第3希望期間(終了日・任意)", "en": "3rd wished period: to (optional)" } },
          { "name": "actions", "type": "list", "minItems": 1, "maxItems": 15, "maxLength": 500,
            "label": { "ja": "診断対象のアクション(画面・操作。1行に1つ、最大15)", "en": "Actions to scan (pages or operations; one per line, at most 15)" },
            "help": { "ja": "例: ログイン、会員登録、商品検索。最終的な診断対象は当社エンジニアが選定します。", "en": "E.g. sign-in, registration, product search. Our engineer makes the final choice." } },
          { "name": "contactName", "type": "string", "required": true, "maxLength": 100,
            "label": { "ja": "診断当日のご連絡先(お名前)", "en": "Contact on the scan day: name" } },
          { "name": "contactPhone", "type": "string", "required": true, "maxLength": 30,
            "label": { "ja": "診断当日のご連絡先(電話番号)", "en": "Contact on the scan day: phone" } },
          { "name": "contactEmail", "type": "string", "required": true, "maxLength": 254,
            "label": { "ja": "診断当日のご連絡先(メール)", "en": "Contact on the scan day: e-mail" } },
          { "name": "notes", "type": "text", "maxLength": 2000,
            "label": { "ja": "補足事項(認証情報の受け渡し方法、WAFの有無など)", "en": "Notes (how test credentials are handed over, WAF, ...)" } },
          { "name": "termsOfUse", "type": "terms", "terms": "kdsec-scan-terms",
            "label": { "ja": "利用規約への同意", "en": "Terms of use" } },
          { "name": "specification", "type": "terms", "terms": "kdsec-scan-spec",
            "label": { "ja": "サービス仕様書への同意", "en": "Service specification" } }
        ] }
        """;
}
