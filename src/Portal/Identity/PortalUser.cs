using CloudpackPlus.Core.Companies;
using Microsoft.AspNetCore.Identity;

namespace CloudpackPlus.Portal.Identity;

/// <summary>
/// A sign-in account. It belongs to one <see cref="Person"/> of Core (same company, same role):
/// Core knows who the person is, this row knows how they sign in.
/// </summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public Guid PersonId { get; set; }

    /// <summary>The company for customer users; null for staff. Copied from the person for tenant filtering.</summary>
    public Guid? CompanyId { get; set; }

    public required string DisplayName { get; set; }

    public PersonRole Role { get; set; }

    /// <summary>Set when a temporary password was issued: the next sign-in must choose a new one (ONB-2).</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the temporary password stops working (null once the user chose their own password).</summary>
    public DateTimeOffset? TemporaryPasswordExpiresAt { get; set; }

    /// <summary>The TOTP secret, protected with ASP.NET Core data protection; null until enrolment starts.</summary>
    public string? TotpSecretProtected { get; set; }

    /// <summary>The last TOTP time step accepted: a code of this step or earlier is a replay (MFA-1).</summary>
    public long? LastTotpTimeStep { get; set; }

    /// <summary>The UI culture the user chose (ja-JP or en-US).</summary>
    public string Culture { get; set; } = "ja-JP";

    public DateTimeOffset CreatedAt { get; set; }

    public bool IsStaff => Person.IsStaffRole(Role);
}
