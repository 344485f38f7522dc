using CloudpackPlus.Core.Companies;

namespace CloudpackPlus.Portal.Identity;

/// <summary>Role names (the <see cref="PersonRole"/> names) and the authorization policies built on them.</summary>
public static class PortalRoles
{
    public const string Representative = nameof(PersonRole.Representative);
    public const string Member = nameof(PersonRole.Member);
    public const string Csm = nameof(PersonRole.Csm);
    public const string CsmLead = nameof(PersonRole.CsmLead);
    public const string Admin = nameof(PersonRole.Admin);
    public const string Partner = nameof(PersonRole.Partner);

    /// <summary>Policy: a user of a customer company (representative or member).</summary>
    public const string CustomerPolicy = "Customer";

    /// <summary>Policy: the company's representative (USER-1 create/edit/delete, APP-1).</summary>
    public const string RepresentativePolicy = "Representative";

    /// <summary>Policy: provider staff (CSM, CSM lead or admin).</summary>
    public const string StaffPolicy = "Staff";

    /// <summary>Policy: provider admins.</summary>
    public const string AdminPolicy = "Admin";

    /// <summary>Policy: a partner engineer (WEB-L): sees only the applications assigned to it.</summary>
    public const string PartnerPolicy = "Partner";

    /// <summary>Policy: any signed-in user (customer or staff).</summary>
    public const string SignedInPolicy = "SignedIn";

    /// <summary>The roles of provider staff (the <see cref="StaffPolicy"/>).</summary>
    public static readonly string[] StaffRoles = [Csm, CsmLead, Admin];

    /// <summary>Whether the user is provider staff (CSM, CSM lead or admin).</summary>
    public static bool IsStaff(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && StaffRoles.Any(user.IsInRole);
    }
}

/// <summary>Claim types the portal adds to the sign-in cookie.</summary>
public static class PortalClaims
{
    public const string CompanyId = "cp:company";
    public const string PersonId = "cp:person";

    /// <summary>The signed-in user's Core person id, or null (not signed in).</summary>
    public static Guid? PersonIdOf(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirst(PersonId)?.Value, out var id) ? id : null;
    }
    public const string DisplayName = "cp:name";

    /// <summary>Where the user is in the sign-in set-up: <see cref="StagePassword"/>, <see cref="StageMfa"/> or <see cref="StageReady"/>.</summary>
    public const string Stage = "cp:stage";

    public const string StagePassword = "password";
    public const string StageMfa = "mfa";
    public const string StageReady = "ready";
}
