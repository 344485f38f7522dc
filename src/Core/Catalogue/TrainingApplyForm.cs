namespace CloudpackPlus.Core.Catalogue;

/// <summary>
/// TRAIN-1's apply form as seeded data (the form language of human tasks; admins change it through
/// <c>PUT /api/services/TRAIN-1</c>): a topic of the training menu, goals, a wished period and participants.
/// </summary>
internal static class TrainingApplyForm
{
    public const string Json = """
        { "fields": [
          { "name": "topic", "type": "choice", "required": true, "optionsFrom": "training-topics",
            "label": { "ja": "題目(トレーニングメニュー)", "en": "Topic (training menu)" } },
          { "name": "goals", "type": "text", "required": true, "maxLength": 2000,
            "label": { "ja": "受講の目的・ゴール", "en": "Goals" } },
          { "name": "wishedFrom", "type": "date", "required": true, "minBusinessDaysAhead": 0,
            "label": { "ja": "希望時期(開始日)", "en": "Wished period: from" } },
          { "name": "wishedTo", "type": "date", "required": true, "minBusinessDaysAhead": 0, "notBeforeField": "wishedFrom",
            "label": { "ja": "希望時期(終了日)", "en": "Wished period: to" } },
          { "name": "otherPeriods", "type": "text", "maxLength": 500,
            "label": { "ja": "その他の希望時期(任意)", "en": "Other wished periods (optional)" } },
          { "name": "participants", "type": "integer", "required": true, "min": 1, "max": 100,
            "label": { "ja": "参加予定人数", "en": "Expected participants" } }
        ] }
        """;
}
