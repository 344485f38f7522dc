using System.Globalization;
using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.WebScan;
using CloudpackPlus.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.WebScan;

/// <summary>One item of a <see cref="Checklist"/>'s <c>items</c> input.</summary>
/// <param name="Key">Stable key.</param>
/// <param name="Ja">Japanese label.</param>
/// <param name="En">English label.</param>
public sealed record ChecklistItemSpec(string Key, string Ja, string En);

/// <summary>
/// WEB-6: a checklist the customer works through on the application page before the flow goes on. Each tick is a
/// resume of this node (signal <see cref="Signal"/>, payload <c>{"tick": key}</c>) that records who and when in the
/// same step; the node leaves by Done when every item is ticked, or at once when staff override with a reason
/// (payload <c>{"override": reason}</c>). Who may tick or override is checked by <see cref="ChecklistDesk"/>.
/// </summary>
[Activity("Checklist", DisplayNameJa = "チェックリスト(お客様)", DisplayNameEn = "Checklist (customer)", Category = "Applications", Kind = ActivityKind.Blocking,
    Description = "Shows a checklist on the application page; waits until the customer has ticked every item (who and when recorded) or staff override with a reason.")]
public sealed class Checklist : Activity
{
    /// <summary>The signal name the portal resumes a checklist with.</summary>
    public const string Signal = "checklist";

    /// <summary>The items: <c>[{"key", "ja", "en"}]</c> (1 to 20).</summary>
    [Input(Description = "Items: [{ key, ja, en }]", Required = true)]
    public object? Items { get; set; }

    /// <summary>Whether staff went on without every item ticked.</summary>
    [Output(Description = "Overridden by staff")]
    public bool Overridden { get; set; }

    /// <summary>Staff's reason for going on without every item.</summary>
    [Output(Description = "Override reason")]
    public string? OverrideReason { get; set; }

    /// <summary>Who overrode (person id).</summary>
    [Output(Description = "Overridden by")]
    public string? OverriddenBy { get; set; }

    /// <summary>The items as specs; throws on a malformed list.</summary>
    public static IReadOnlyList<ChecklistItemSpec> Parse(object? items)
    {
        var specs = JsonSerializer.Deserialize<List<ChecklistItemSpec>>(JsonSerializer.Serialize(items), JsonSerializerOptions.Web);
        if (specs is null || specs.Count is 0 or > 20 || specs.Any(s => s is null || string.IsNullOrWhiteSpace(s.Key) || s.Key.Length > 100
            || string.IsNullOrWhiteSpace(s.Ja) || string.IsNullOrWhiteSpace(s.En)) || specs.Select(s => s.Key).Distinct().Count() != specs.Count)
        {
            throw new FormatException("A checklist needs 1 to 20 items, each with a unique key and labels 'ja' and 'en'.");
        }

        return specs;
    }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var specs = Parse(Items);
        var (db, application) = await StepApplication.LoadAsync(context);
        var node = context.NodeId;
        var existing = await db.ChecklistItems.IgnoreQueryFilters().Where(i => i.ApplicationId == application.Id && i.Checklist == node)
            .Select(i => i.Key).ToListAsync(context.CancellationToken);
        db.ChecklistItems.AddRange(specs.Where(s => !existing.Contains(s.Key)).Select((s, index) => new ChecklistItem
        {
            ApplicationId = application.Id, CompanyId = application.CompanyId, Checklist = node, Key = s.Key,
            Position = index, LabelJa = s.Ja, LabelEn = s.En,
        }));
        await db.SaveChangesAsync(context.CancellationToken);
        return await NextAsync(db, application.Id, node, context);
    }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resume);
        var (db, application) = await StepApplication.LoadAsync(context);
        var node = context.NodeId;
        if (resume.Payload.TryGetValue("override", out var reason) && Convert.ToString(reason, CultureInfo.InvariantCulture) is { Length: > 0 } why)
        {
            Overridden = true;
            OverrideReason = why;
            OverriddenBy = resume.Actor;
            var name = Guid.TryParse(resume.Actor, out var staff)
                ? await db.People.IgnoreQueryFilters().Where(p => p.Id == staff).Select(p => p.DisplayName).SingleOrDefaultAsync(context.CancellationToken)
                : resume.Actor;
            var now = context.Time.GetUtcNow();
            await db.ChecklistItems.IgnoreQueryFilters().Where(i => i.ApplicationId == application.Id && i.Checklist == node)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ClosedAt, now).SetProperty(i => i.OverrideReason, why).SetProperty(i => i.OverriddenByName, name), context.CancellationToken);
            return ActivityResult.Done();
        }

        if (resume.Payload.TryGetValue("tick", out var key) && Convert.ToString(key, CultureInfo.InvariantCulture) is { } itemKey
            && await db.ChecklistItems.IgnoreQueryFilters().SingleOrDefaultAsync(i => i.ApplicationId == application.Id && i.Checklist == node && i.Key == itemKey,
                context.CancellationToken) is { TickedAt: null } item)
        {
            item.TickedBy = Guid.TryParse(resume.Actor, out var person) ? person : null;
            item.TickedByName = item.TickedBy is { } id
                ? await db.People.IgnoreQueryFilters().Where(p => p.Id == id).Select(p => p.DisplayName).SingleOrDefaultAsync(context.CancellationToken)
                : resume.Actor;
            item.TickedAt = context.Time.GetUtcNow();
            await db.SaveChangesAsync(context.CancellationToken);
        }

        return await NextAsync(db, application.Id, node, context);
    }

    private static async Task<ActivityResult> NextAsync(Core.Data.CoreDbContext db, Guid applicationId, string node, ActivityContext context)
    {
        var items = db.ChecklistItems.IgnoreQueryFilters().Where(i => i.ApplicationId == applicationId && i.Checklist == node);
        if (await items.AnyAsync(i => i.TickedAt == null, context.CancellationToken))
        {
            return ActivityResult.Suspend(BookmarkRequest.Signal(Signal));
        }

        var now = context.Time.GetUtcNow();
        await items.ExecuteUpdateAsync(u => u.SetProperty(i => i.ClosedAt, now), context.CancellationToken);
        return ActivityResult.Done();
    }
}
