using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Identity;

/// <summary>
/// Identity's EF store, with recovery codes kept as SHA-256 hashes instead of plain text:
/// a leaked database does not leak a way past MFA. Each code is used once (Identity removes it).
/// </summary>
internal sealed class PortalUserStore(PortalIdentityDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<PortalUser, IdentityRole<Guid>, PortalIdentityDbContext, Guid>(context, describer)
{
    public override Task ReplaceCodesAsync(PortalUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    public override Task<bool> RedeemCodeAsync(PortalUser user, string code, CancellationToken cancellationToken = default) =>
        base.RedeemCodeAsync(user, Hash(Normalize(code)), cancellationToken);

    private static string Normalize(string code) => (code ?? string.Empty).Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    private static string Hash(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));
}
