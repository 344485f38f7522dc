using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Services;

/// <summary>The training application form as posted.</summary>
public sealed class TrainingForm
{
    /// <summary>The form's key: a second post of the same form is the same application.</summary>
    public Guid SubmissionId { get; set; }

    public Guid TopicId { get; set; }

    public string? Goals { get; set; }

    public int Participants { get; set; } = 1;

    public List<DateOnly?> From { get; set; } = [null, null, null];

    public List<DateOnly?> To { get; set; } = [null, null, null];

    public TrainingRequest ToRequest() => new(
        TopicId, Goals ?? "",
        From.Zip(To).Where(p => p.First is not null || p.Second is not null)
            .Select(p => new WishedPeriod(p.First ?? DateOnly.MinValue, p.Second ?? DateOnly.MinValue)).ToList(),
        Participants);
}

/// <summary>APP-1, TKT-3, TRAIN-1: the representative applies; application, reservation and workflow start commit together.</summary>
public sealed class ApplyModel(CatalogueService catalogue, TrainingMenuService menu, ApplicationDesk desk, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public TrainingForm Form { get; set; } = new();

    public CatalogueEntry Entry { get; private set; } = null!;

    public string? Why { get; private set; }

    public IReadOnlyList<TrainingTopic> Topics { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Form.SubmissionId = Guid.CreateVersion7();
        Form.TopicId = Guid.TryParse(Request.Query["topic"], out var topic) ? topic : Guid.Empty;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Entry.Id != "TRAIN-1" || Form.SubmissionId == Guid.Empty)
        {
            return BadRequest();
        }

        ModelState.Clear(); // the service validates everything and says it in the page's language
        try
        {
            var companyId = HttpCurrentTenant.CompanyOf(User)!.Value;
            var personId = PortalClaims.PersonIdOf(User)!.Value;
            var result = await desk.ApplyForTrainingAsync(companyId, personId, Form.SubmissionId, Form.ToRequest(), cancellationToken);
            TempData["Flash"] = result.Created ? "Apply.Done" : "Apply.AlreadyDone";
            return Redirect($"/Applications/{result.ApplicationId}");
        }
        catch (ProgrammeRuleException e)
        {
            ModelState.AddModelError(string.Empty, PortalCultures.MessageOf(e));
            return Page();
        }
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return false;
        }

        // One read of the entry, with the company's situation; an unknown or withdrawn service is not offered at all.
        ServiceAvailability availability;
        try
        {
            availability = await catalogue.CheckAsync(companyId, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        if (availability.Reason == UnavailableReason.Withdrawn)
        {
            return false;
        }

        Entry = availability.Entry;
        Why = ApplyAvailability.Why(availability, representative: true, text); // the page is for representatives only
        Topics = await menu.ListAsync(cancellationToken: cancellationToken);
        return true;
    }
}
