using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Workflows;

/// <summary>The designer script's texts in the reader's language (from the resx, keys <c>Designer.Js.*</c>).</summary>
public static class DesignerText
{
    private static readonly string[] Keys =
    [
        "saving", "saved", "unsaved", "conflict", "saveFailed", "saveFirst", "publishing", "selectNode", "unknownType",
        "nodeId", "nodeLabel", "expression", "expressionHint", "businessDays", "badJson", "formPreview",
    ];

    public static IReadOnlyDictionary<string, string> For(IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Keys.ToDictionary(k => k, k => text["Designer.Js." + k].Value, StringComparer.Ordinal);
    }
}
