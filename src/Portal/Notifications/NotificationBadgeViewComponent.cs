using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace CloudpackPlus.Portal.Notifications;

/// <summary>
/// The header's link to the notifications page with the unread count: the count the page read in its batch
/// (<see cref="UnreadCountPrefetch"/>), else one COUNT query on the data source (no DbContext is built for it).
/// </summary>
[ViewComponent(Name = "NotificationBadge")]
public sealed class NotificationBadgeViewComponent(NpgsqlDataSource dataSource, UnreadCountPrefetch prefetch) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var personId = PortalClaims.PersonIdOf(UserClaimsPrincipal);
        var unread = personId is { } id ? prefetch.CountOf(id) ?? await UnreadCountPrefetch.CountAsync(dataSource, id, HttpContext.RequestAborted) : 0;
        return View(unread);
    }
}
