using System.Text.Json;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>A WaitForSignal node's portal action: the button's labels, who may press it, and the confirmation text.</summary>
/// <param name="NodeId">The WaitForSignal node.</param>
/// <param name="Signal">The signal the button sends.</param>
/// <param name="LabelJa">Japanese label.</param>
/// <param name="LabelEn">English label (the Japanese one when the node gives none).</param>
/// <param name="Role">A <see cref="TaskRoles"/> value.</param>
/// <param name="ConfirmJa">Japanese confirmation text, if any.</param>
/// <param name="ConfirmEn">English confirmation text, if any.</param>
public sealed record SignalActionDeclaration(string NodeId, string Signal, string LabelJa, string LabelEn, string Role, string? ConfirmJa, string? ConfirmEn)
{
    /// <summary>The roles an action may name.</summary>
    public static readonly IReadOnlyList<string> Roles = [TaskRoles.CustomerRepresentative, TaskRoles.CustomerUser, TaskRoles.Csm];

    internal static readonly string[] InputNames = ["actionLabel", "actionLabelEn", "actionRole", "confirmJa", "confirmEn"];

    /// <summary>The label in the viewer's language.</summary>
    public string LabelIn(bool japanese) => japanese ? LabelJa : LabelEn;

    /// <summary>The confirmation text in the viewer's language (falls back to the other language).</summary>
    public string? ConfirmIn(bool japanese) => japanese ? ConfirmJa ?? ConfirmEn : ConfirmEn ?? ConfirmJa;

    /// <summary>The node's declared action, or null when it declares none (or an incomplete or unknown one).</summary>
    public static SignalActionDeclaration? Of(ActivityNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var label = Text(node, "actionLabel");
        var role = Text(node, "actionRole");
        var signal = Text(node, "signal");
        return node.Type == "WaitForSignal" && label is not null && signal is not null && role is not null && Roles.Contains(role)
            ? new(node.Id, signal, label, Text(node, "actionLabelEn") ?? label, role, Text(node, "confirmJa"), Text(node, "confirmEn"))
            : null;
    }

    internal static string? Text(ActivityNode node, string input) =>
        node.Inputs.TryGetValue(input, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}

/// <summary>An open signal wait of an instance that is a portal action.</summary>
/// <param name="BookmarkId">The open signal bookmark.</param>
/// <param name="DefinitionId">The instance's definition (to signal it by correlation id).</param>
/// <param name="Action">What the node declares.</param>
public sealed record OpenSignalAction(Guid BookmarkId, string DefinitionId, SignalActionDeclaration Action);

/// <summary>An open signal bookmark of a running or suspended instance, as a page's own batch read it (issue #17).</summary>
/// <param name="BookmarkId">The bookmark.</param>
/// <param name="NodeId">Its node (node@scope inside a ForEach body).</param>
/// <param name="SignalName">The signal it waits for (a bookmark without one matches no action).</param>
/// <param name="DefinitionVersionId">The instance's definition version.</param>
/// <param name="DefinitionId">The instance's definition.</param>
public sealed record OpenSignalBookmark(Guid BookmarkId, string NodeId, string? SignalName, Guid DefinitionVersionId, string DefinitionId);

/// <summary>The open signal waits of an instance that its nodes declare as portal actions.</summary>
public interface ISignalActions
{
    /// <summary>The instance's open signal waits declared as portal actions, oldest first (empty when none or no such instance).</summary>
    Task<IReadOnlyList<OpenSignalAction>> ListOpenAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="ListOpenAsync"/> from bookmarks the caller already read (one instance's open signal bookmarks, oldest first,
    /// only while the instance runs or is suspended): reads nothing but the definition version when its plan is not cached.
    /// </summary>
    Task<IReadOnlyList<OpenSignalAction>> OfAsync(IReadOnlyList<OpenSignalBookmark> bookmarks, CancellationToken cancellationToken = default);
}

internal sealed class SignalActions(IServiceProvider services, PlanCache plans) : ISignalActions
{
    /// <summary>Resolved on first use (as in <see cref="WorkflowRuntime"/>): a page that hands in its own bookmarks and finds none needs no DbContext.</summary>
    private WorkflowDbContext Db => field ??= services.GetRequiredService<WorkflowDbContext>();

    public async Task<IReadOnlyList<OpenSignalAction>> ListOpenAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await Db.Instances.AsNoTracking()
            .Where(i => i.Id == instanceId && (i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Suspended))
            .Select(i => new { i.DefinitionVersionId, i.DefinitionId }).SingleOrDefaultAsync(cancellationToken);
        if (instance is null)
        {
            return [];
        }

        var rows = await Db.Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instanceId && b.Kind == BookmarkKind.Signal && b.ResumedAt == null && b.CancelledAt == null)
            .OrderBy(b => b.CreatedAt).Select(b => new { b.Id, b.NodeId, b.SignalName }).ToListAsync(cancellationToken);
        return await OfAsync(rows.Select(b => new OpenSignalBookmark(b.Id, b.NodeId, b.SignalName, instance.DefinitionVersionId, instance.DefinitionId)).ToList(), cancellationToken);
    }

    public async Task<IReadOnlyList<OpenSignalAction>> OfAsync(IReadOnlyList<OpenSignalBookmark> bookmarks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bookmarks);
        if (bookmarks.Count == 0)
        {
            return [];
        }

        var plan = await plans.GetAsync(bookmarks[0].DefinitionVersionId, Db, cancellationToken);
        var nodes = plan.Graph.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        // A wait inside a ForEach body is journalled as node@scope; the declaration is the node's.
        return bookmarks.Select(b => (b.BookmarkId, b.SignalName, b.DefinitionId, Node: nodes.GetValueOrDefault(b.NodeId.Split('@')[0])))
            .Select(b => (b.BookmarkId, b.SignalName, b.DefinitionId, Action: b.Node is null ? null : SignalActionDeclaration.Of(b.Node)))
            .Where(b => b.Action is not null && b.Action.Signal == b.SignalName)
            .Select(b => new OpenSignalAction(b.BookmarkId, b.DefinitionId, b.Action!)).ToList();
    }
}
