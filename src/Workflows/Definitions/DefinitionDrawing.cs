using System.Text;
using System.Text.Json;

namespace CloudpackPlus.Workflows.Definitions;

/// <summary>
/// Draws a definition (its JSON) as a Mermaid flowchart for the service documentation: one node per activity
/// (id, type and its display name, task title or notification title; Decisions as hexagons), one arrow per connection
/// (<c>Done</c> unlabelled, any other outcome — Decision branches, boundary timers — as the arrow's label).
/// </summary>
public static class DefinitionDrawing
{
    private const int MaxLabel = 40;

    /// <summary>The Mermaid text (<c>flowchart TD</c> …, LF line endings) of a definition given as JSON.</summary>
    public static string Mermaid(string definitionJson)
    {
        using var document = JsonDocument.Parse(definitionJson);
        var root = document.RootElement;
        var text = new StringBuilder("flowchart TD\n");
        foreach (var node in root.GetProperty("activities").EnumerateArray())
        {
            var id = node.GetProperty("id").GetString()!;
            var type = node.GetProperty("type").GetString()!;
            var label = $"{Escape(id)}<br/>{Escape(type)}<br/>{Escape(Short(Label(node, id)))}";
            text.Append("  ").Append(Id(id)).Append(type is "Decision" or "Switch" ? $"{{{{\"{label}\"}}}}" : $"[\"{label}\"]").Append('\n');
        }

        foreach (var c in root.GetProperty("connections").EnumerateArray())
        {
            var outcome = c.GetProperty("outcome").GetString();
            text.Append("  ").Append(Id(c.GetProperty("from").GetString()!))
                .Append(outcome == "Done" ? " --> " : $" -->|{Escape(outcome!)}| ")
                .Append(Id(c.GetProperty("to").GetString()!)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A Mermaid node id: the activity id with '-' as '_'; <c>end</c> (a Mermaid keyword) as <c>End</c>.</summary>
    public static string Id(string activityId)
    {
        var id = (activityId ?? "").Replace('-', '_');
        return id == "end" ? "End" : id;
    }

    private static string Label(JsonElement node, string id)
    {
        if (node.TryGetProperty("displayName", out var display) && display.ValueKind == JsonValueKind.String)
        {
            return display.GetString()!;
        }

        if (node.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Object)
        {
            if (inputs.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
            {
                return title.GetString()!;
            }

            if (inputs.TryGetProperty("titleJa", out var notice) && notice.ValueKind == JsonValueKind.String)
            {
                return "通知: " + notice.GetString();
            }
        }

        return id;
    }

    private static string Short(string label) => label.Length <= MaxLabel ? label : label[..(MaxLabel - 1)] + "…";

    // Mermaid entity codes keep quotes and brackets from ending the label.
    private static string Escape(string value) => value.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("{", "#123;", StringComparison.Ordinal)
        .Replace("}", "#125;", StringComparison.Ordinal).Replace("|", "#124;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal)
        .Replace(">", "#gt;", StringComparison.Ordinal);
}
