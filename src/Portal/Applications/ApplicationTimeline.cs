using System.Text.Json;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Applications;

/// <summary>One line of an application's history: when, what, who, and the data given.</summary>
public sealed record TimelineLine(DateTimeOffset At, string Text, string? Actor, IReadOnlyList<(string Label, string Value)> Details, bool Problem = false);

/// <summary>
/// APP-2: the application's history, read from its workflow journal: applied, each task completed
/// (with what was entered), each status change, completion with the tickets spent, cancellation.
/// </summary>
public static class ApplicationTimeline
{
    public static IReadOnlyList<TimelineLine> Build(
        IReadOnlyList<JournalEntry> journal, IReadOnlyList<WorkflowTask> tasks, IReadOnlyDictionary<Guid, string> names, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(text);
        var japanese = PortalCultures.IsJapanese;
        var lines = new List<TimelineLine>();
        foreach (var entry in journal)
        {
            using var data = entry.Data is null ? null : JsonDocument.Parse(entry.Data);
            var root = data?.RootElement;
            var actor = Name(entry.Actor, names, text);
            switch (entry.Kind)
            {
                case JournalKinds.InstanceStarted:
                    lines.Add(new(entry.At, text["Timeline.Applied"], actor, []));
                    break;
                case JournalKinds.TaskCompleted when root is { } r && r.TryGetProperty("task", out var id)
                    && tasks.FirstOrDefault(t => t.Id.ToString() == id.GetString()) is { } task:
                    lines.Add(new(entry.At, text["Timeline.TaskDone", task.TitleIn(japanese)], actor, Details(task, r, text)));
                    break;
                case JournalKinds.ActivityCompleted when entry.ActivityType == "UpdateApplication" && Output(root, "statusSet") is { } status:
                    lines.Add(new(entry.At, text["Timeline.Status", text[$"Status.{status}"]], null, []));
                    break;
                case JournalKinds.ActivityCompleted when entry.ActivityType == "CompleteApplication":
                    lines.Add(new(entry.At, text["Timeline.Completed", Output(root, "spent") ?? "?"], null, []));
                    break;
                case JournalKinds.InstanceCancelled:
                    var reason = root is { } c && c.TryGetProperty("reason", out var why) ? why.GetString() : null;
                    lines.Add(new(entry.At, text["Timeline.Cancelled"], actor, reason is null ? [] : [(text["Field.Reason"], reason)]));
                    break;
                case JournalKinds.InstanceFaulted:
                    lines.Add(new(entry.At, text["Timeline.Faulted"], null, [], Problem: true));
                    break;
            }
        }

        return lines;
    }

    private static string? Name(string? actor, IReadOnlyDictionary<Guid, string> names, IStringLocalizer text) =>
        actor is null ? null
        : Guid.TryParse(actor, out var id) && names.TryGetValue(id, out var name) ? name
        : actor == "system" ? text["Timeline.System"] : actor;

    private static string? Output(JsonElement? root, string name) =>
        root is { } r && r.TryGetProperty("outputs", out var outputs) && outputs.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    private static List<(string, string)> Details(WorkflowTask task, JsonElement root, IStringLocalizer text)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var schema = FormSchema.Parse(task.FormSchema);
        var japanese = PortalCultures.IsJapanese;
        var details = new List<(string, string)>();
        foreach (var field in schema.Fields)
        {
            if (data.TryGetProperty(field.Name, out var value) && value.ValueKind != JsonValueKind.Null
                && !(value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
            {
                details.Add((field.LabelIn(japanese), TaskForms.Display(field, value, text)));
            }
        }

        return details;
    }
}
