using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Notifications;

/// <summary>
/// The header's link to the notifications page with the unread count: the count the page read in its batch
/// (<see cref="UnreadCountPrefetch"/>), else one COUNT query.
/// </summary>
[ViewComponent(Name = "NotificationBadge")]
public sealed class NotificationBadgeViewComponent(NotificationInbox inbox, UnreadCountPrefetch prefetch) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var personId = PortalClaims.PersonIdOf(UserClaimsPrincipal);
        var unread = personId is { } id ? prefetch.CountOf(id) ?? await inbox.UnreadCountAsync(id, HttpContext.RequestAborted) : 0;
        return View(unread);
    }
}
