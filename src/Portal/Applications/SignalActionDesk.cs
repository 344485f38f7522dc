using System.Security.Claims;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Applications;

/// <summary>What came of pressing a workflow's portal action button.</summary>
public enum SignalActionOutcome
{
    /// <summary>This press resumed the wait; the workflow moved on.</summary>
    Resumed,

    /// <summary>The wait was already resumed (by someone else or an earlier press); nothing changed.</summary>
    AlreadyDone,

    /// <summary>The wait is open but the viewer's role may not take this action.</summary>
    Forbidden,
}

/// <summary>
/// The workflow's open signal waits that are portal actions on an application page (WaitForSignal with
/// actionLabel/actionRole), filtered by what the viewer's role may do, and pressing one (the server re-checks).
/// </summary>
public sealed class SignalActionDesk(ISignalActions actions, IServiceProvider services)
{
    /// <summary>Resolved on first use: only pressing an action needs the runtime, not listing them (issue #17).</summary>
    private IWorkflowRuntime Runtime => field ??= services.GetRequiredService<IWorkflowRuntime>();

    /// <summary>Whether a viewer on the customer page (<paramref name="staffPage"/> false) or the staff page may take an action of <paramref name="role"/>.</summary>
    public static bool MayAct(ClaimsPrincipal user, bool staffPage, string role)
    {
        ArgumentNullException.ThrowIfNull(user);
        return staffPage
            ? role == TaskRoles.Csm
            : role == TaskRoles.CustomerUser || (role == TaskRoles.CustomerRepresentative && user.IsInRole(PortalRoles.Representative));
    }

    /// <summary>The open actions of the application's workflow the viewer may take, oldest first.</summary>
    public async Task<IReadOnlyList<OpenSignalAction>> ListAsync(ServiceApplication application, ClaimsPrincipal user, bool staffPage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        return (await actions.ListOpenAsync(application.WorkflowInstanceId, cancellationToken)).Where(a => MayAct(user, staffPage, a.Action.Role)).ToList();
    }

    /// <summary>As <see cref="ListAsync"/> from the open signal bookmarks a page's batch read (issue #17).</summary>
    public async Task<IReadOnlyList<OpenSignalAction>> OfAsync(IReadOnlyList<OpenSignalBookmark> bookmarks, ClaimsPrincipal user, bool staffPage, CancellationToken cancellationToken) =>
        (await actions.OfAsync(bookmarks, cancellationToken)).Where(a => MayAct(user, staffPage, a.Action.Role)).ToList();

    /// <summary>
    /// Presses the action of the open wait <paramref name="bookmarkId"/> as the signed-in person: refused when the viewer's role
    /// may not take it, already done when the wait is no longer open (a second press resumes nothing).
    /// </summary>
    public async Task<SignalActionOutcome> ActAsync(ServiceApplication application, Guid bookmarkId, ClaimsPrincipal user, bool staffPage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        var open = (await actions.ListOpenAsync(application.WorkflowInstanceId, cancellationToken)).FirstOrDefault(a => a.BookmarkId == bookmarkId);
        if (open is null)
        {
            return SignalActionOutcome.AlreadyDone;
        }

        if (!MayAct(user, staffPage, open.Action.Role))
        {
            return SignalActionOutcome.Forbidden;
        }

        var actor = PortalClaims.PersonIdOf(user)!.Value.ToString();
        var result = await Runtime.SignalByCorrelationAsync(open.DefinitionId, application.Id.ToString(), open.Action.Signal, null, actor, cancellationToken);
        return result.Outcome == ResumeOutcome.Resumed ? SignalActionOutcome.Resumed : SignalActionOutcome.AlreadyDone;
    }
}

/// <summary>How both application pages answer a pressed action: a 403 with the reason, or a redirect with the outcome as a flash.</summary>
public static class SignalActionResults
{
    public static IActionResult Forbidden(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return new ContentResult { StatusCode = StatusCodes.Status403Forbidden, ContentType = "text/plain; charset=utf-8", Content = text["SignalActions.NotYourRole"] };
    }

    public static IActionResult Done(PageModel page, SignalActionOutcome outcome, string location)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.TempData["Flash"] = outcome == SignalActionOutcome.Resumed ? "SignalActions.Resumed" : "SignalActions.AlreadyDone";
        return new RedirectResult(location);
    }
}
