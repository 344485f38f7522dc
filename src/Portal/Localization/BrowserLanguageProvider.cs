using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace CloudpackPlus.Portal.Localization;

/// <summary>
/// Before a language is remembered (the cookie, set at sign-in from the account and by the language switch), the
/// browser's Accept-Language decides between Japanese and English: its most preferred ja* or en* tag; anything else,
/// or no header, is Japanese.
/// </summary>
public sealed class BrowserLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var header = httpContext.Request.Headers.AcceptLanguage;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var values))
        {
            return NullProviderCultureResult;
        }

        var preferred = values
            .Where(v => v.Quality is null or > 0)
            .OrderByDescending(v => v.Quality ?? 1)
            .Select(v => v.Value.Value ?? "")
            .FirstOrDefault(v => v.StartsWith("ja", StringComparison.OrdinalIgnoreCase) || v.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        var culture = preferred?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? PortalCultures.English : PortalCultures.Japanese;
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
    }
}
