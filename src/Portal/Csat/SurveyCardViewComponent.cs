using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Csat;

/// <summary>What the survey card shows: the surveys and whether the reader may answer them.</summary>
public sealed record SurveyCardModel(IReadOnlyList<SurveyView> Surveys, bool CanAnswer, bool OnApplication);

/// <summary>
/// CSAT: the card "ご意見をお聞かせください". On the home page (no application): the company's pending surveys;
/// on an application page: that application's survey, pending or answered. Renders nothing when there is none.
/// </summary>
[ViewComponent(Name = "SurveyCard")]
public sealed class SurveyCardViewComponent : ViewComponent
{
    public const int HomeLimit = 5;

    /// <param name="applicationId">The application page's application; null on the home page.</param>
    /// <param name="prefetched">The surveys the page already read in its batch (then no query here).</param>
    public async Task<IViewComponentResult> InvokeAsync(Guid? applicationId = null, IReadOnlyList<SurveyView>? prefetched = null)
    {
        var cancellationToken = HttpContext.RequestAborted;
        // The desk (and its DbContext) only when the page did not read the surveys itself (issue #17).
        var desk = prefetched is null ? HttpContext.RequestServices.GetRequiredService<SurveyDesk>() : null;
        IReadOnlyList<SurveyView> surveys = prefetched is not null ? prefetched : applicationId is { } id
            ? await desk!.ForApplicationAsync(id, cancellationToken) is { } one ? [one] : []
            : await desk!.PendingAsync(HomeLimit, cancellationToken);
        return View("/Pages/Surveys/_Card.cshtml", new SurveyCardModel(surveys, UserClaimsPrincipal.IsInRole(PortalRoles.Representative), applicationId is not null));
    }
}
