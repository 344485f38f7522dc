using System.Text.Json;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Operations;

/// <summary>One journal line as the reader reads it: what happened, the step, and its parameters, each in the reader's language.</summary>
/// <param name="What">The event (<c>Journal.Kind.*</c>).</param>
/// <param name="Step">The activity's display name in the reader's language (null for instance-level lines).</param>
/// <param name="Details">Labelled parameters (labels and codes translated; values people or activities produced shown as data).</param>
public sealed record JournalLineText(string What, string? Step, IReadOnlyList<(string Label, string Value)> Details);

/// <summary>
/// Renders the stored journal (a kind code, the activity type and a small JSON of parameters per line) in the reader's
/// language: kinds, wait kinds and outcome-free parameters through the resources, activity types through the registry's
/// ja/en display names. Nothing is stored translated, so a line reads the same in the language of whoever looks.
/// </summary>
public sealed class JournalText(ActivityRegistry registry, IStringLocalizer<SharedResource> text)
{
    /// <summary>The longest value shown (outputs, task data); longer ones are cut with "…".</summary>
    public const int ShownValueLength = InstanceDetailsLoader.ShownValueLength;

    public JournalLineText Render(JournalEntry line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var japanese = PortalCultures.IsJapanese;
        var kind = text[$"Journal.Kind.{line.Kind}"];
        var step = line.ActivityType is null ? null
            : registry.Find(line.ActivityType) is { } d ? (japanese ? d.DisplayNameJa : d.DisplayNameEn) : line.ActivityType;
        return new JournalLineText(kind.ResourceNotFound ? line.Kind : kind.Value, step, Details(line.Data));
    }

    private List<(string, string)> Details(string? data)
    {
        var details = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(data))
        {
            return details;
        }

        using var document = JsonDocument.Parse(data);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            details.Add((text["Journal.Data"], Shown(document.RootElement)));
            return details;
        }

        foreach (var p in document.RootElement.EnumerateObject())
        {
            var value = p.Value;
            switch (p.Name)
            {
                case "kind" when value.ValueKind == JsonValueKind.String:
                    details.Add((text["Journal.WaitKind"], Known("Journal.Wait.", value.GetString()!)));
                    break;
                case "outcomes" when value.ValueKind == JsonValueKind.Array:
                    details.Add((text["Journal.Outcomes"], string.Join(", ", value.EnumerateArray().Select(o => o.ToString()))));
                    break;
                case "dueAt" when value.TryGetDateTimeOffset(out var due):
                    details.Add((text["Journal.DueAt"], PortalCultures.DateTime(due)));
                    break;
                case "attempt" when value.TryGetInt32(out var attempt):
                    var max = document.RootElement.TryGetProperty("maxAttempts", out var m) && m.TryGetInt32(out var n) ? n : attempt;
                    details.Add((text["Journal.Attempt"], text["Journal.AttemptOf", attempt, max]));
                    break;
                case "maxAttempts":
                    break;
                default:
                    details.Add((Known("Journal.Param.", p.Name), Shown(value)));
                    break;
            }
        }

        return details;
    }

    /// <summary>A code's text when the resources know it, else the code itself (codes are ASCII identifiers).</summary>
    private string Known(string prefix, string code)
    {
        var found = text[prefix + code];
        return found.ResourceNotFound ? code : found.Value;
    }

    private static string Shown(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? Cut(value.GetString()!) : InstanceDetailsLoader.Shown(value);

    private static string Cut(string value) => value.Length > ShownValueLength ? value[..ShownValueLength] + "…" : value;
}
