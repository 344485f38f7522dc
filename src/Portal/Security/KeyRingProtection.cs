using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CloudpackPlus.Portal.Security;

/// <summary>
/// The data-protection key ring (kept in the database) is encrypted at rest with a certificate from configuration
/// (section <c>DataProtection</c>): a database dump alone then opens neither the TOTP secrets nor the auth cookies.
/// Production refuses to start without one; the demo asks for a generated one under <c>.local</c>
/// (<c>GenerateCertificate</c>). README "Key ring" says how to supply it.
/// </summary>
public static class KeyRingProtection
{
    public const string Section = "DataProtection";

    public static IDataProtectionBuilder ProtectKeysFromConfiguration(this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var section = configuration.GetSection(Section);
        var path = section["CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException(
                    "DataProtection:CertificatePath is not set: the key ring would be stored unencrypted. Supply a PFX certificate " +
                    "(DataProtection__CertificatePath, DataProtection__CertificatePassword) as README \"Key ring\" says.");
            }

            return builder; // development and tests that do not ask for it: keys as before
        }

        var password = section["CertificatePassword"];
        if (!File.Exists(path) && section.GetValue<bool>("GenerateCertificate"))
        {
            WriteSelfSigned(path, password);
        }

        builder.ProtectKeysWithCertificate(Load(path, password));
        // After a rotation the keys written under the previous certificate still open.
        var previous = section.GetSection("PreviousCertificatePaths").Get<string[]>() ?? [];
        if (previous.Length > 0)
        {
            builder.UnprotectKeysWithAnyCertificate([.. previous.Select(p => Load(p, section["PreviousCertificatePassword"]))]);
        }

        return builder;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"DataProtection: the certificate {path} cannot be read ({e.Message}).", e);
        }
    }

    /// <summary>A self-signed RSA certificate for the key ring, readable by the owner only.</summary>
    public static void WriteSelfSigned(string path, string? password)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=CloudpackPlus key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var bytes = certificate.Export(X509ContentType.Pkcs12, password);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(bytes);
    }
}
