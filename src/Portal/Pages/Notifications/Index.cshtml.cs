using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Notifications;

/// <summary>The signed-in person's notifications, newest first; open one (marks it read), mark one or all read.</summary>
public sealed class IndexModel(NotificationInbox inbox, UnreadCountPrefetch badge) : PageModel
{
    public NotificationPage Inbox { get; private set; } = new(new([], 0, 1, NotificationInbox.PageSize), 0);

    /// <summary>Part of a title or text.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    public async Task<IActionResult> OnGetAsync(int p = 1, CancellationToken cancellationToken = default)
    {
        if (PortalClaims.PersonIdOf(User) is not { } me)
        {
            return Challenge();
        }

        Inbox = await inbox.PageAsync(me, Search, p, cancellationToken);
        badge.Know(me, Inbox.Unread); // the header's badge shows this count instead of counting again
        return Page();
    }

    /// <summary>Marks the notification read and goes where it points (a portal path only).</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken cancellationToken)
    {
        if (PortalClaims.PersonIdOf(User) is not { } me)
        {
            return Challenge();
        }

        var notification = await inbox.MarkReadAsync(me, id, cancellationToken);
        return notification is null ? NotFound() : LocalRedirect(NotificationLinks.Local(notification.Link));
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, int p = 1, CancellationToken cancellationToken = default)
    {
        if (PortalClaims.PersonIdOf(User) is not { } me)
        {
            return Challenge();
        }

        if (await inbox.MarkReadAsync(me, id, cancellationToken) is null)
        {
            return NotFound();
        }

        return RedirectToPage(new { p, q = Search });
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        if (PortalClaims.PersonIdOf(User) is not { } me)
        {
            return Challenge();
        }

        await inbox.MarkAllReadAsync(me, cancellationToken);
        TempData["Flash"] = "Notifications.AllMarkedRead";
        return RedirectToPage();
    }
}
