using System.Globalization;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Hardening;

/// <summary>
/// The portal with lockout and the sign-in rate limits out of reach, so a fuzz can post hundreds of wrong passwords and
/// codes to one account and still reach the page's own handling each time (SignInHardeningTests prove the limits).
/// </summary>
public sealed class LenientLockoutAppFactory : PortalAppFactory
{
    private const int Plenty = 1_000_000;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Portal:MaxFailedAccessAttempts"] = Plenty.ToString(CultureInfo.InvariantCulture);
            settings["Portal:RateLimits:SignIn:PerAddress"] = Plenty.ToString(CultureInfo.InvariantCulture);
            settings["Portal:RateLimits:SignIn:PerAccount"] = Plenty.ToString(CultureInfo.InvariantCulture);
            return settings;
        }
    }
}
