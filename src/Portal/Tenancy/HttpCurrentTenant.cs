using System.Security.Claims;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Http;

namespace CloudpackPlus.Portal.Tenancy;

/// <summary>
/// The tenant of the current request, read from the signed-in user's claims on every call
/// (the user changes during a request: anonymous until authentication has run).
/// A customer user is restricted to their company; staff and requests without a signed-in
/// user are unrestricted at the data layer (sign-in itself must find accounts; every page
/// that shows company data requires a signed-in user first).
/// </summary>
internal sealed class HttpCurrentTenant(IHttpContextAccessor accessor) : ICompanyScope
{
    public Guid? CompanyId => CompanyOf(accessor.HttpContext?.User);

    public bool IsStaff => accessor.HttpContext?.User is { } user &&
        (user.IsInRole(PortalRoles.Csm) || user.IsInRole(PortalRoles.Admin));

    public static Guid? CompanyOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(PortalClaims.CompanyId) is { } value && Guid.TryParse(value, out var id) ? id : null;
}

/// <summary>The company the current code may see; null company = unrestricted.</summary>
public interface ICompanyScope
{
    Guid? CompanyId { get; }

    bool IsStaff { get; }
}

/// <summary>No restriction: background jobs, seeders, design time.</summary>
public sealed class UnrestrictedCompanyScope : ICompanyScope
{
    public static readonly UnrestrictedCompanyScope Instance = new();

    public Guid? CompanyId => null;

    public bool IsStaff => false;
}
