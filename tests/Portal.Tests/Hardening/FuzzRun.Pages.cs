using System.Net;
using CloudpackPlus.Portal.Tests.Authorization;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Hardening;

internal sealed partial class FuzzRun
{
    /// <summary>
    /// Fuzzes every POST form of one page, those <see cref="RouteAsync"/> leaves out too (the password change, the
    /// second factor): each field in turn gets every value while the others keep <paramref name="valid"/> (or what the
    /// page rendered). The page must answer 200 first, or that is a failure.
    /// </summary>
    public async Task PageFormsAsync(PortalClient client, Asker asker, string path, IReadOnlyDictionary<string, string>? valid = null)
    {
        string html;
        using (var page = await SendAsync(client, asker, HttpMethod.Get, path, null))
        {
            if (page is not { StatusCode: HttpStatusCode.OK })
            {
                Failures.Add($"{asker} GET {path}: {(int?)page?.StatusCode} {page?.Headers.Location} instead of the page");
                return;
            }

            html = await page.Content.ReadAsStringAsync();
        }

        var token = Token().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
        foreach (var form in HtmlForms.Parse(html, path.Split('?')[0]).Where(f => f.Method == "POST" && !f.Action.Contains("Logout", StringComparison.OrdinalIgnoreCase)))
        {
            var filled = form with { Fields = [.. form.Fields.Select(f => valid is not null && valid.TryGetValue(f.Name, out var v) ? f with { Value = v } : f)] };
            await FormAsync(client, asker, filled, token);
        }
    }
}
