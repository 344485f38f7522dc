using System.Security.Claims;
using CloudpackPlus.Core.Tenancy;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Http;

namespace CloudpackPlus.Portal.Tenancy;

/// <summary>
/// Core's tenant for web requests, read from the signed-in user's claims on every call (the
/// user changes during a request: anonymous until authentication has run).
/// <list type="bullet">
/// <item>a customer user: their company only;</item>
/// <item>staff (CSM, admin): every company;</item>
/// <item>an anonymous request: no company (Core shows it nothing; the identity store still finds accounts to sign in);</item>
/// <item>no request at all (Hangfire jobs, seeders, start-up): the unrestricted system tenant.</item>
/// </list>
/// </summary>
internal sealed class HttpCurrentTenant(IHttpContextAccessor accessor) : ICurrentTenant
{
    public Guid? CompanyId => CompanyOf(accessor.HttpContext?.User);

    public bool IsStaff => accessor.HttpContext is not { } http || IsStaffUser(http.User);

    public static Guid? CompanyOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(PortalClaims.CompanyId) is { } value && Guid.TryParse(value, out var id) ? id : null;

    public static bool IsStaffUser(ClaimsPrincipal user) =>
        PortalRoles.IsStaff(user);
}
