using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Identity;

/// <summary>Puts role, company, person and set-up stage into the cookie, from the user row alone.</summary>
internal sealed class PortalClaimsPrincipalFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(PortalClaims.PersonId, user.PersonId.ToString()));
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (user.CompanyId is { } companyId)
        {
            identity.AddClaim(new Claim(PortalClaims.CompanyId, companyId.ToString()));
        }

        identity.AddClaim(new Claim(PortalClaims.Stage, StageOf(user)));
        return identity;
    }

    public static string StageOf(PortalUser user) => StageOf(user.MustChangePassword, user.TwoFactorEnabled);

    public static string StageOf(bool mustChangePassword, bool twoFactorEnabled) =>
        mustChangePassword ? PortalClaims.StagePassword
        : !twoFactorEnabled ? PortalClaims.StageMfa
        : PortalClaims.StageReady;
}
