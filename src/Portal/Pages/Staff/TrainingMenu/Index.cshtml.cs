using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.TrainingMenu;

/// <summary>
/// Staff console, TRAIN-1: the AWS training menu with every topic (hidden ones marked), who last
/// changed each and for which fiscal year it was reviewed; a banner until this year's review is done.
/// </summary>
public sealed class IndexModel(TrainingMenuService menu, ApplicationBook people, TimeProvider clock) : PageModel
{
    public IReadOnlyList<TrainingTopic> Topics { get; private set; } = [];

    /// <summary>Display names of the staff who last changed a topic, by person id.</summary>
    public IReadOnlyDictionary<Guid, string> Updaters { get; private set; } = new Dictionary<Guid, string>();

    public int CurrentYear { get; private set; }

    public bool ReviewedThisYear { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await Load(cancellationToken);

    /// <summary>"今年度の見直しを完了": every active topic is marked reviewed for the current fiscal year, by this staff member.</summary>
    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await menu.MarkReviewedAsync(PortalClaims.PersonIdOf(User) ?? Guid.Empty, cancellationToken);
        }
        catch (ProgrammeRuleException e)
        {
            ModelState.AddModelError(string.Empty, PortalCultures.MessageOf(e));
            await Load(cancellationToken);
            return Page();
        }

        TempData["Flash"] = "TrainingMenu.ReviewDone";
        return RedirectToPage();
    }

    private async Task Load(CancellationToken cancellationToken)
    {
        CurrentYear = FiscalYear.Current(clock).StartYear;
        Topics = await menu.ListAsync(includeInactive: true, cancellationToken);
        ReviewedThisYear = await menu.IsReviewedThisYearAsync(cancellationToken);
        Updaters = await people.NamesAsync(Topics.Where(t => t.UpdatedBy is not null).Select(t => t.UpdatedBy!.Value), cancellationToken);
    }

    /// <summary>An active topic is due when it was last reviewed before the current fiscal year.</summary>
    public bool IsDue(TrainingTopic topic) => topic.IsActive && topic.ReviewedForYear < CurrentYear;
}
