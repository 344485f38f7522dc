using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Catalogue;

/// <summary>
/// Admin console, ADV-1: edits a catalogue entry (cost, descriptions, category, allowed ranks and
/// contract types, yearly capacity, cancellable), withdraws or reinstates it, and shows its history.
/// A change applies to new applications only: an application keeps the cost and rules it was made under.
/// </summary>
public sealed class EditModel(CatalogueService catalogue, CoreDbContext db, IStringLocalizer<SharedResource> text) : StaffPageModel
{
    [BindProperty]
    public CatalogueFields Form { get; set; } = new();

    public CatalogueEntry Entry { get; private set; } = null!;

    public IReadOnlyList<CatalogueChange> History { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await Load(id, cancellationToken))
        {
            return NotFound();
        }

        Form = CatalogueFields.From(Entry);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(() => Load(id, cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        if (!await Load(id, cancellationToken))
        {
            return NotFound();
        }

        if (!Form.IsWithinLimits())
        {
            return await RefuseAsync(text["Console.Catalogue.Invalid", CatalogueFields.MaxName, CatalogueFields.MaxDescription, CatalogueFields.MaxCost],
                StatusCodes.Status400BadRequest, () => Load(id, cancellationToken));
        }

        return await ChangeAsync(() => catalogue.SaveAsync(Form.Onto(Entry), StaffId, Form.Version, cancellationToken),
            "Console.Catalogue.Saved", () => Load(id, cancellationToken), new { id });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string id, uint version, CancellationToken cancellationToken) =>
        await SetActiveAsync(id, false, version, "Console.Catalogue.WithdrawnDone", cancellationToken);

    public async Task<IActionResult> OnPostReinstateAsync(string id, uint version, CancellationToken cancellationToken) =>
        await SetActiveAsync(id, true, version, "Console.Catalogue.ReinstatedDone", cancellationToken);

    private async Task<IActionResult> SetActiveAsync(string id, bool active, uint version, string flash, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(() => Load(id, cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        return await ChangeAsync(() => catalogue.SetActiveAsync(id, active, StaffId, version, cancellationToken), flash,
            async () => await Load(id, cancellationToken) && KeepForm(), new { id });
    }

    private bool KeepForm()
    {
        Form = CatalogueFields.From(Entry);
        return true;
    }

    private async Task<bool> Load(string id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var entry = id.Length > 32 ? null : await db.Catalogue.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        Entry = entry;
        History = await catalogue.HistoryAsync(id, cancellationToken: cancellationToken);
        var people = History.Select(h => h.ChangedBy).Distinct().ToList();
        Names = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return true;
    }
}
