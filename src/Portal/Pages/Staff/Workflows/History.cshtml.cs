using System.Text;
using System.Text.Json;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Workflows;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Staff.Workflows;

/// <summary>Admin: a definition's versions, the visual diff of two of them, JSON export, and the draft's save history (refused saves included).</summary>
public sealed class HistoryModel(IDefinitionService definitions, IDesignerDrafts drafts, WorkflowDbContext wf, ActivityRegistry registry) : StaffPageModel
{
    public string DefinitionId { get; private set; } = "";

    public IReadOnlyList<DefinitionVersionSummary> Versions { get; private set; } = [];

    public IReadOnlyList<DraftRevision> Revisions { get; private set; } = [];

    public int? From { get; private set; }

    public int? To { get; private set; }

    public DefinitionDiff? Diff { get; private set; }

    /// <summary>Both graphs and the diff for designer-diff.js.</summary>
    public string DiffJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(string id, int? from, int? to, CancellationToken cancellationToken)
    {
        Versions = await definitions.HistoryAsync(id, cancellationToken);
        if (Versions.Count == 0)
        {
            return NotFound();
        }

        DefinitionId = id;
        var latest = Versions[0];
        Revisions = await drafts.RevisionsAsync(id, latest.Version, cancellationToken);
        To = to ?? latest.Version;
        From = from ?? Versions.FirstOrDefault(v => v.Version < To)?.Version;
        if (From is { } f && To is { } t && await GraphAsync(id, f, cancellationToken) is { } older && await GraphAsync(id, t, cancellationToken) is { } newer)
        {
            Diff = DefinitionDiff.Compare(older, newer);
            DiffJson = JsonSerializer.Serialize(new { from = older, to = newer, diff = Diff, palette = DesignerPalette.Of(registry) }, DesignerJson.Options);
        }

        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string id, int? version, CancellationToken cancellationToken)
    {
        var number = version ?? await wf.Definitions.AsNoTracking().Where(d => d.DefinitionId == id)
            .OrderByDescending(d => d.IsPublished).ThenByDescending(d => d.Version).Select(d => (int?)d.Version).FirstOrDefaultAsync(cancellationToken);
        if (number is null || await GraphAsync(id, number.Value, cancellationToken) is not { } graph)
        {
            return NotFound();
        }

        return File(Encoding.UTF8.GetBytes(graph.ToJson()), "application/json", $"{id}-v{number}.json");
    }

    /// <summary>One saved (or refused) draft revision as a JSON file: a refused save's author gets their graph back.</summary>
    public async Task<IActionResult> OnGetRevisionAsync(string id, long revision, CancellationToken cancellationToken)
    {
        var row = await wf.DraftRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revision && r.DefinitionId == id, cancellationToken);
        return row is null ? NotFound()
            : File(Encoding.UTF8.GetBytes(WorkflowGraph.Parse(row.Graph).ToJson()), "application/json", $"{id}-v{row.Version}-r{row.Revision}{(row.Refused ? "-refused" : "")}-{row.Id}.json");
    }

    private async Task<WorkflowGraph?> GraphAsync(string id, int version, CancellationToken cancellationToken) =>
        await wf.Definitions.AsNoTracking().Where(d => d.DefinitionId == id && d.Version == version).Select(d => d.Graph).SingleOrDefaultAsync(cancellationToken) is { } json
            ? WorkflowGraph.Parse(json)
            : null;

    public static string When(DateTimeOffset at) => PortalCultures.DateTime(at);
}
