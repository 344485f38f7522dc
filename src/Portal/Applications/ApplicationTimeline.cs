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
/// APP-2: the application's history. The milestones (applied, each status change, completion with the tickets
/// spent, cancellation) come from the application's own events, which outlive the workflow journal's
/// retention; the journal adds, while it is kept, each task completed with what was entered and a stopped workflow.
/// </summary>
public static class ApplicationTimeline
{
    public static IReadOnlyList<TimelineLine> Build(IReadOnlyList<ApplicationEvent> events,
        IReadOnlyList<JournalEntry> journal, IReadOnlyList<WorkflowTask> tasks, IReadOnlyDictionary<Guid, string> names, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(text);
        var japanese = PortalCultures.IsJapanese;
        var lines = new List<TimelineLine>();
        var milestones = new List<TimelineLine>();
        foreach (var e in events)
        {
            var parameters = e.ParameterValues();
            var actor = Name(e.Actor, names, text);
            switch (e.Code)
            {
                case ApplicationEventCodes.Applied:
                    milestones.Add(new(e.At, text["Timeline.Applied"], actor, []));
                    break;
                case ApplicationEventCodes.Status when parameters.GetValueOrDefault("status") is { } status:
                    milestones.Add(new(e.At, text["Timeline.Status", text[$"Status.{status}"]], null, []));
                    break;
                case ApplicationEventCodes.Completed:
                    milestones.Add(new(e.At, text["Timeline.Completed", parameters.GetValueOrDefault("spent") ?? "?"], null, []));
                    break;
                case Activities.Consulting.ProposalEvents.Code:
                    milestones.Add(new(e.At, text["Consult_Timeline.Proposal", parameters.GetValueOrDefault("fileName") ?? ""], null, []));
                    break;
                case ApplicationEventCodes.Cancelled:
                    var reason = parameters.GetValueOrDefault("reason");
                    milestones.Add(new(e.At, text["Timeline.Cancelled"], actor, reason is null ? [] : [(text["Field.Reason"], reason)]));
                    break;
            }
        }

        foreach (var entry in journal)
        {
            using var data = entry.Data is null ? null : JsonDocument.Parse(entry.Data);
            var root = data?.RootElement;
            var actor = Name(entry.Actor, names, text);
            switch (entry.Kind)
            {
                case JournalKinds.TaskCompleted when root is { } r && r.TryGetProperty("task", out var id)
                    && tasks.FirstOrDefault(t => t.Id.ToString() == id.GetString()) is { } task:
                    lines.Add(new(entry.At, text["Timeline.TaskDone", task.TitleIn(japanese)], actor, Details(task, r, text)));
                    break;
                case JournalKinds.InstanceFaulted:
                    lines.Add(new(entry.At, text["Timeline.Faulted"], null, [], Problem: true));
                    break;
            }
        }

        // Stable: in one step the task's completion comes before the status it leads to.
        return lines.Concat(milestones).OrderBy(l => l.At).ToList();
    }

    private static string? Name(string? actor, IReadOnlyDictionary<Guid, string> names, IStringLocalizer text) =>
        actor is null ? null
        : Guid.TryParse(actor, out var id) && names.TryGetValue(id, out var name) ? name
        : actor == "system" ? text["Timeline.System"] : actor;

    private static List<(string, string)> Details(WorkflowTask task, JsonElement root, IStringLocalizer text)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var schema = FormSchema.ParseStored(task.FormSchema);
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
