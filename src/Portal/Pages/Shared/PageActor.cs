using System.Security.Claims;
using CloudpackPlus.Portal.Accounts;

namespace CloudpackPlus.Portal.Pages;

/// <summary>The signed-in user as the actor of an audited change.</summary>
public static class PageActor
{
    public static Actor Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : (Guid?)null;
        return new Actor(id, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown");
    }
}
