using CloudpackPlus.Activities.Consulting;
using CloudpackPlus.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Applications;

/// <summary>
/// SCOPE-1 from COST-C/SEC-C: when the application's proposal recommends build work, the customer's application page
/// offers a one-click quote request linked to the application (<c>/Quotes/New?applicationId=…</c>).
/// </summary>
[ViewComponent(Name = "QuoteRequest")]
public sealed class QuoteRequestViewComponent : ViewComponent
{
    /// <param name="applicationId">The application.</param>
    /// <param name="recommendsBuild">What the page already read from the application's events (then no query here, issue #17).</param>
    public async Task<IViewComponentResult> InvokeAsync(Guid applicationId, bool? recommendsBuild = null) =>
        recommendsBuild ?? await ProposalEvents.RecommendsBuildAsync(HttpContext.RequestServices.GetRequiredService<CoreDbContext>(), applicationId, HttpContext.RequestAborted)
            ? View(applicationId) : Content(string.Empty);
}
