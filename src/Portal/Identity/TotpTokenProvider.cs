using Microsoft.AspNetCore.Identity;

namespace CloudpackPlus.Portal.Identity;

/// <summary>
/// Identity's two-factor provider backed by <see cref="TotpAuthenticator"/>: sign-in with a code
/// goes through Identity (two-factor cookie, lockout on failures), replay protection through here.
/// </summary>
internal sealed class TotpTokenProvider(TotpAuthenticator authenticator) : IUserTwoFactorTokenProvider<PortalUser>
{
    public const string Name = "CloudpackTotp";

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) =>
        Task.FromResult(user.TotpSecretProtected is not null);

    // Codes come from the user's app, never from the server.
    public Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var step = authenticator.Match(user, token);
        if (step is null)
        {
            return false;
        }

        // The concurrency stamp makes two simultaneous uses of one code race: only one update wins.
        user.LastTotpTimeStep = step;
        var saved = await manager.UpdateAsync(user);
        return saved.Succeeded;
    }
}
