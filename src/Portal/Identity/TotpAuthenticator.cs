using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace CloudpackPlus.Portal.Identity;

/// <summary>
/// TOTP (RFC 6238, 30 s, 6 digits, SHA-1: what every authenticator app speaks) with Otp.NET.
/// A code is accepted one step either side of now, and at most once: a code whose step is not
/// after the last accepted step is a replay and is refused (MFA-1).
/// </summary>
public sealed class TotpAuthenticator(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Issuer = "cloudpack+";
    private const int SecretBytes = 20;

    private readonly IDataProtector _protector = protection.CreateProtector("CloudpackPlus.Portal.Totp.v1");

    /// <summary>A fresh random secret, protected for storage in <see cref="PortalUser.TotpSecretProtected"/>.</summary>
    public string NewProtectedSecret() => _protector.Protect(Base32Encoding.ToString(RandomNumberGenerator.GetBytes(SecretBytes)));

    /// <summary>The Base32 key to show for manual entry.</summary>
    public string ManualKey(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _protector.Unprotect(user.TotpSecretProtected ?? throw new InvalidOperationException("No TOTP secret."));
    }

    /// <summary>The <c>otpauth://</c> URI an authenticator app reads from the QR code.</summary>
    public string ProvisioningUri(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var label = Uri.EscapeDataString($"{Issuer}:{user.Email}");
        return $"otpauth://totp/{label}?secret={ManualKey(user)}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
    }

    /// <summary>
    /// Checks a code against the user's secret; on success returns the matched time step,
    /// which the caller must store as <see cref="PortalUser.LastTotpTimeStep"/> before accepting.
    /// </summary>
    public long? Match(PortalUser user, string? code)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.TotpSecretProtected is null || string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var digits = new string(code.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 6)
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(ManualKey(user)));
        var now = clock.GetUtcNow().UtcDateTime;
        if (!totp.VerifyTotp(now, digits, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return null;
        }

        return user.LastTotpTimeStep is { } last && step <= last ? null : step;
    }

    /// <summary>Computes the current code for a Base32 key (used by tests and the demo tooling).</summary>
    public static string CodeFor(string base32Key, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp(at.UtcDateTime).ToString(CultureInfo.InvariantCulture);
}
