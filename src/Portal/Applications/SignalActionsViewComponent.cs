using CloudpackPlus.Core.Applications;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Applications;

/// <summary>The application page's buttons for the workflow's open signal waits the viewer may take (one POST form each).</summary>
[ViewComponent(Name = "SignalActions")]
public sealed class SignalActionsViewComponent : ViewComponent
{
    /// <param name="application">The application.</param>
    /// <param name="staffPage">Whether the staff page shows it.</param>
    /// <param name="prefetched">The actions the page already resolved from its batch for this viewer (then no query here, issue #17).</param>
    public async Task<IViewComponentResult> InvokeAsync(ServiceApplication application, bool staffPage, IReadOnlyList<OpenSignalAction>? prefetched = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        var open = prefetched ?? await HttpContext.RequestServices.GetRequiredService<SignalActionDesk>().ListAsync(application, UserClaimsPrincipal, staffPage, HttpContext.RequestAborted);
        var page = staffPage ? $"/Staff/Applications/{application.Id}" : $"/Applications/{application.Id}";
        return View(new SignalActionsView(open, $"{page}?handler=Signal"));
    }
}

/// <summary>The buttons to show and where they post.</summary>
public sealed record SignalActionsView(IReadOnlyList<OpenSignalAction> Actions, string PostUrl);
