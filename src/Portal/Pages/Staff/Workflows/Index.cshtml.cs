using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Workflows;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Workflows;

/// <summary>One definition in the list: its published version, its open draft, and how many instances still run on each version.</summary>
public sealed record WorkflowRow(string DefinitionId, string Name, string? Service, int? Published, int? Draft, IReadOnlyList<(int Version, int Count)> Running)
{
    /// <summary>The catalogue entry that starts this workflow (its apply form is edited beside it).</summary>
    public string? ServiceId { get; init; }
}

/// <summary>Admin: the workflow definitions, with import of a JSON file and duplicate as a new definition id.</summary>
public sealed class IndexModel(WorkflowDbContext wf, CoreDbContext core, IDefinitionService definitions, IDesignerDrafts drafts, DefinitionValidator validator,
    StaffAudit audit, IStringLocalizer<SharedResource> text) : StaffPageModel
{
    public const int PageSize = 30;

    /// <summary>The most a JSON import may weigh.</summary>
    public const int MaxImportBytes = 2 * 1024 * 1024;

    public Paged<WorkflowRow> Rows { get; private set; } = new([], 0, 1, PageSize);

    /// <summary>Problems of a refused import, pinned to their nodes.</summary>
    public IReadOnlyList<PinnedProblem> ImportProblems { get; private set; } = [];

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || file.Length > MaxImportBytes)
        {
            return await RefuseAsync(text["Designer.Import.NoFile", MaxImportBytes / 1024 / 1024], StatusCodes.Status400BadRequest, () => LoadAsync(cancellationToken));
        }

        WorkflowGraph graph;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            graph = WorkflowGraph.Parse(await reader.ReadToEndAsync(cancellationToken));
        }
        catch (WorkflowDefinitionException)
        {
            return await RefuseAsync(text["Designer.Import.NotJson"], StatusCodes.Status400BadRequest, () => LoadAsync(cancellationToken));
        }

        if ((graph.Name?.Length ?? 0) > DesignerLimits.MaxName)
        {
            return await RefuseAsync(text["Designer.NameTooLong", DesignerLimits.MaxName], StatusCodes.Status400BadRequest, () => LoadAsync(cancellationToken));
        }

        // Refused whole before anything is written: unknown activity types, expressions that do not parse, unknown form field types.
        if (validator.Validate(graph) is { Count: > 0 } problems)
        {
            ImportProblems = DesignerProblems.Pin(problems, text);
            return await RefuseAsync(text["Designer.Import.Refused", problems.Count], StatusCodes.Status400BadRequest, () => LoadAsync(cancellationToken));
        }

        var saved = await definitions.ImportAsync(graph.ToJson(), StaffId.ToString(), publish: false, cancellationToken);
        await audit.RunAsync(PageActor.Of(User), "workflow.imported", null, () => Task.FromResult<string?>($"{saved.DefinitionId} v{saved.Version} (draft)"), cancellationToken);
        TempData["Flash"] = text["Designer.Import.Done", saved.DefinitionId, saved.Version].Value;
        return RedirectToPage("/Staff/Workflows/Edit", new { id = saved.DefinitionId });
    }

    public async Task<IActionResult> OnPostDuplicateAsync(string source, string newId, string? newName, CancellationToken cancellationToken)
    {
        if ((newName?.Length ?? 0) > DesignerLimits.MaxName)
        {
            return await RefuseAsync(text["Designer.NameTooLong", DesignerLimits.MaxName], StatusCodes.Status400BadRequest, () => LoadAsync(cancellationToken));
        }

        try
        {
            await drafts.DuplicateAsync(source ?? "", newId?.Trim() ?? "", newName ?? "", StaffId.ToString(), cancellationToken);
        }
        catch (WorkflowNotFoundVersionException)
        {
            return NotFound();
        }
        catch (WorkflowDefinitionException)
        {
            return await RefuseAsync(text["Designer.Duplicate.BadId", newId ?? ""], StatusCodes.Status400BadRequest, () => LoadAsync(cancellationToken));
        }

        await audit.RunAsync(PageActor.Of(User), "workflow.duplicated", null, () => Task.FromResult<string?>($"{source} -> {newId}"), cancellationToken);
        TempData["Flash"] = text["Designer.Duplicate.Done", newId!.Trim()].Value;
        return RedirectToPage("/Staff/Workflows/Edit", new { id = newId!.Trim() });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var heads = await wf.Definitions.AsNoTracking().Where(d => d.IsPublished || d.IsLatest)
            .Select(d => new { d.DefinitionId, d.Name, d.NameEn, d.Version, d.IsPublished, d.IsLatest }).ToListAsync(cancellationToken);
        var ids = heads.Select(h => h.DefinitionId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var page = Paging.Of(ids, PageNumber, PageSize);
        var shown = page.Rows.ToList();
        var running = await wf.Instances.AsNoTracking()
            .Where(i => shown.Contains(i.DefinitionId) && (i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Suspended || i.Status == InstanceStatus.Faulted))
            .GroupBy(i => new { i.DefinitionId, i.Version }).Select(g => new { g.Key.DefinitionId, g.Key.Version, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var japanese = PortalCultures.IsJapanese;
        var services = await core.Catalogue.AsNoTracking().Where(c => c.WorkflowDefinitionId != null && shown.Contains(c.WorkflowDefinitionId))
            .Select(c => new { c.WorkflowDefinitionId, c.Id, c.NameJa, c.NameEn }).ToListAsync(cancellationToken);
        Rows = new Paged<WorkflowRow>(shown.Select(id =>
        {
            var published = heads.FirstOrDefault(h => h.DefinitionId == id && h.IsPublished);
            var latest = heads.First(h => h.DefinitionId == id && (h.IsLatest || h.IsPublished));
            var draft = heads.FirstOrDefault(h => h.DefinitionId == id && h.IsLatest && !h.IsPublished);
            var service = services.Where(s => s.WorkflowDefinitionId == id).Select(s => $"{s.Id} {(japanese ? s.NameJa : s.NameEn)}").FirstOrDefault();
            var head = draft ?? published ?? latest;
            var name = japanese ? head.Name : string.IsNullOrWhiteSpace(head.NameEn) ? id : head.NameEn;
            return new WorkflowRow(id, name, service, published?.Version, draft?.Version,
                running.Where(r => r.DefinitionId == id).OrderBy(r => r.Version).Select(r => (r.Version, r.Count)).ToList())
            {
                ServiceId = services.FirstOrDefault(s => s.WorkflowDefinitionId == id)?.Id,
            };
        }).ToList(), page.Total, page.Page, PageSize);
        return true;
    }
}
