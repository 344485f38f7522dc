using CloudpackPlus.Portal.Identity;
using Hangfire.Dashboard;

namespace CloudpackPlus.Host.Jobs;

/// <summary>
/// The job dashboard is for provider admins only: signed in, with the set-up (password, MFA) complete.
/// </summary>
internal sealed class DashboardAccessFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true
            && user.IsInRole(PortalRoles.Admin)
            && user.FindFirst(PortalClaims.Stage)?.Value == PortalClaims.StageReady;
    }
}
