using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CloudpackPlus.Portal.Tests.Support;

/// <summary>
/// A browser-like HTTP client: keeps cookies, does not follow redirects (tests look at them),
/// and posts forms with the antiforgery token read from the page, as a browser would.
/// </summary>
public sealed partial class PortalClient(PortalAppFactory app) : IDisposable
{
    /// <summary>The application this client talks to.</summary>
    public PortalAppFactory App => app;

    private readonly HttpClient _http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Loads the form page (for its antiforgery token), then posts the fields to <paramref name="action"/> (default: the page).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, IDictionary<string, string> fields, string? action = null)
    {
        var html = await GetPageAsync(page);
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        using var content = new FormUrlEncodedContent(form);
        return await _http.PostAsync(new Uri(action ?? page, UriKind.Relative), content);
    }

    /// <summary>Like <see cref="PostFormAsync"/>, as multipart/form-data with files (name, file name, bytes).</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string page, IDictionary<string, string> fields, IEnumerable<(string Name, string FileName, byte[] Content)> files, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(files);
        var html = await GetPageAsync(page);
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, name, fileName);
        }

        return await _http.PostAsync(new Uri(action ?? page, UriKind.Relative), content);
    }

    /// <summary>Signs in with password and, when the account has a key, with the current TOTP code.</summary>
    public async Task SignInAsync(TestAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var login = await PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        if (account.TotpKey is null)
        {
            return;
        }

        Assert.StartsWith("/Account/LoginWith2fa", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var code = await PostFormAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = app.NextCode(account.TotpKey) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal("/", code.Headers.Location!.OriginalString);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
