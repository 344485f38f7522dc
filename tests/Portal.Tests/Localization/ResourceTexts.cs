using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Tests.Localization;

/// <summary>ASP.NET Core's own resource-manager localizer over the portal's texts, as the reference the tests compare with.</summary>
internal static class ResourceTexts
{
    public static readonly IStringLocalizer Reference = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));
}
