using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Security;

/// <summary>
/// The portal as production runs it behind its TLS proxy: the key ring encrypted with a generated certificate, a known
/// proxy, and small rate limits so the tests reach them in a few requests.
/// </summary>
public sealed class HardenedAppFactory : PortalAppFactory
{
    public const string Proxy = "10.0.0.5";
    public const int SignInPerAddress = 40;
    public const int SignInPerAccount = 8;
    public const int MailPerAddress = 6;
    public const int MailPerAccount = 3;

    public string CertificatePath { get; } = Path.Combine(Path.GetTempPath(), $"cp-keyring-{Guid.NewGuid():N}.pfx");

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["DataProtection:CertificatePath"] = CertificatePath;
            settings["DataProtection:GenerateCertificate"] = "true";
            settings["Portal:Proxy:KnownProxies:0"] = Proxy;
            settings["Portal:RateLimits:SignIn:PerAddress"] = SignInPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Portal:RateLimits:SignIn:PerAccount"] = SignInPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Portal:RateLimits:Mail:PerAddress"] = MailPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Portal:RateLimits:Mail:PerAccount"] = MailPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return settings;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(CertificatePath);
        GC.SuppressFinalize(this);
    }
}
