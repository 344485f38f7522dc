using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Identity;

/// <summary>
/// Identity's EF store, with recovery codes kept as salted, slow hashes (Identity's PBKDF2 password hasher) instead of
/// plain text: a leaked database does not leak a way past MFA, not even by trying every code offline. Each code is used
/// once. What is hashed is the SHA-256 of the normalized code, which is what the first version stored: those rows are
/// re-hashed in place (<see cref="UpgradeLegacy"/>), so no user had to make new codes. A user changed or deleted through
/// it is dropped from this host's session cache at once (<see cref="SessionRowCache"/>): a password change signs the
/// user's other sessions on this host out on their next request, without waiting for PostgreSQL's notification (which
/// still tells the other hosts, and this one of changes made by plain SQL).
/// </summary>
internal sealed class PortalUserStore(
    PortalIdentityDbContext context, IPasswordHasher<PortalUser> hasher, SessionRowCache sessions, IdentityErrorDescriber? describer = null)
    : UserStore<PortalUser, IdentityRole<Guid>, PortalIdentityDbContext, Guid>(context, describer)
{
    internal const string TokenProvider = "[AspNetUserStore]";
    internal const string TokenName = "RecoveryCodes";

    public override async Task<IdentityResult> UpdateAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await base.UpdateAsync(user, cancellationToken);
        sessions.Drop(user.Id);
        return result;
    }

    public override async Task<IdentityResult> DeleteAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await base.DeleteAsync(user, cancellationToken);
        sessions.Drop(user.Id);
        return result;
    }

    public override Task ReplaceCodesAsync(PortalUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        SetTokenAsync(user, TokenProvider, TokenName, string.Join(";", recoveryCodes.Select(c => hasher.HashPassword(user, Digest(c)))), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(PortalUser user, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = await GetTokenAsync(user, TokenProvider, TokenName, cancellationToken) ?? "";
        var codes = UpgradeLegacy(user, stored.Split(';', StringSplitOptions.RemoveEmptyEntries), hasher).ToList();
        var digest = Digest(code);
        var match = codes.FindIndex(c => hasher.VerifyHashedPassword(user, c, digest) != PasswordVerificationResult.Failed);
        if (match < 0)
        {
            return false;
        }

        codes.RemoveAt(match);
        await SetTokenAsync(user, TokenProvider, TokenName, string.Join(";", codes), cancellationToken);
        return true;
    }

    /// <summary>The stored codes with any first-version entry (the SHA-256 hex itself) hashed as the current ones are.</summary>
    internal static IEnumerable<string> UpgradeLegacy(PortalUser user, IEnumerable<string> codes, IPasswordHasher<PortalUser> hasher) =>
        codes.Select(c => IsLegacy(c) ? hasher.HashPassword(user, c) : c);

    internal static bool IsLegacy(string storedCode) => storedCode.Length == 64 && storedCode.All(Uri.IsHexDigit);

    private static string Digest(string? code)
    {
        var normalized = (code ?? string.Empty).Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
