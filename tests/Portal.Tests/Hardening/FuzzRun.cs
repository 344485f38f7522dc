using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CloudpackPlus.Portal.Tests.Authorization;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Hardening;

/// <summary>The fuzz of <see cref="RouteFuzzTests"/>: what it sends to one route, and what it found.</summary>
internal sealed partial class FuzzRun(IReadOnlyList<string> values, DatabaseFingerprint fingerprint)
{
    /// <summary>The few values every query-string name gets (the forms get all of <see cref="FuzzValues"/>).</summary>
    private readonly IReadOnlyList<string> _queryValues = ["80000000", "-1", new string('x', 5000), "' OR '1'='1"];

    private static readonly string[] JsonBodies =
        ["", "null", "[]", "{", "\"x\"", "{\"definitionId\": 7, \"nodes\": \"x\"}", new string('[', 5000) + new string(']', 5000), "{\"a\": \"" + new string('x', 200_000) + "\"}"];

    public List<string> Failures { get; } = [];

    public int Gets { get; private set; }

    public int Posts { get; private set; }

    public int Forms { get; private set; }

    public int Refused { get; private set; }

    public int Requests => Gets + Posts;

    public async Task RouteAsync(PortalClient client, Asker asker, string path)
    {
        if (path.StartsWith("POST ", StringComparison.Ordinal) || path.StartsWith("PUT ", StringComparison.Ordinal))
        {
            var method = path.StartsWith("PUT ", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post;
            await ApiAsync(client, asker, method, path[(method.Method.Length + 1)..]);
            return;
        }

        string? html = null;
        using (var page = await SendAsync(client, asker, HttpMethod.Get, path, null))
        {
            if (page is { StatusCode: HttpStatusCode.OK } && page.Content.Headers.ContentType?.MediaType == "text/html")
            {
                html = await page.Content.ReadAsStringAsync();
            }
        }

        var names = FuzzValues.CommonQueryNames.Concat(html is null ? [] : HtmlForms.QueryNames(html)).Distinct(StringComparer.OrdinalIgnoreCase).Take(8).ToList();
        foreach (var name in names)
        {
            foreach (var value in _queryValues)
            {
                var url = path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Escape(name) + "=" + Escape(value);
                (await SendAsync(client, asker, HttpMethod.Get, url, null))?.Dispose();
            }
        }

        if (html is not null)
        {
            var token = Token().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
            foreach (var form in HtmlForms.Parse(html, path.Split('?')[0]).Where(f => f.Method == "POST" && IsFuzzable(f.Action)))
            {
                await FormAsync(client, asker, form, token);
            }
        }
    }

    // Not the sign-out, and not the password change: its wrong current passwords lock the account by design
    // (SignInHardeningTests), which would sign the fuzz's asker out for every route after it.
    private static bool IsFuzzable(string action) =>
        action.StartsWith('/') && !action.Contains("Logout", StringComparison.OrdinalIgnoreCase)
        && !action.Contains("ChangePassword", StringComparison.OrdinalIgnoreCase);

    private async Task FormAsync(PortalClient client, Asker asker, HtmlForm form, string? token)
    {
        Forms++;
        var before = await fingerprint.TakeAsync();
        var fields = form.Fields.Where(f => f.Name != "__RequestVerificationToken").ToList();
        foreach (var field in fields.Where(f => f.Type != "submit"))
        {
            var accepted = false;
            foreach (var value in values)
            {
                var sent = fields.Select(f => f == field ? f with { Value = value } : f).ToList();
                accepted |= await PostAsync(client, asker, form, sent, token, $"{field.Name}={Preview(value)}");
            }

            before = await CheckAsync(before, accepted, $"{asker} POST {form.Action} field {field.Name}");
        }

        // What a browser never sends: no antiforgery token, JSON instead of a form, a 3 MB field.
        var refusedOnly = !await PostAsync(client, asker, form, fields, null, "without antiforgery token");
        using (var json = new StringContent("{\"x\": 1}", Encoding.UTF8, "application/json"))
        {
            refusedOnly &= !Accepted(await SendAsync(client, asker, HttpMethod.Post, form.Action, json, "JSON body"));
        }

        var huge = fields.Select((f, i) => i == 0 ? f with { Value = new string('x', 3 * 1024 * 1024) } : f).ToList();
        refusedOnly &= !await PostAsync(client, asker, form, huge, token, "3 MB field");
        await CheckAsync(before, !refusedOnly, $"{asker} POST {form.Action} without token / JSON / oversized");
    }

    private async Task<Dictionary<string, string>> CheckAsync(Dictionary<string, string> before, bool accepted, string what)
    {
        var after = await fingerprint.TakeAsync();
        if (!accepted && DatabaseFingerprint.Changed(before, after) is { Count: > 0 } changed)
        {
            Failures.Add($"{what}: refused, yet changed {string.Join(", ", changed)}");
        }

        return after;
    }

    private async Task<bool> PostAsync(PortalClient client, Asker asker, HtmlForm form, List<FormField> fields, string? token, string what)
    {
        HttpContent content;
        if (form.Multipart)
        {
            var multipart = new MultipartFormDataContent();
            if (token is not null)
            {
                multipart.Add(new StringContent(token), "__RequestVerificationToken");
            }

            foreach (var field in fields)
            {
                if (field.Type == "file")
                {
                    multipart.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(field.Value.Length == 0 ? "MZ\0\0" : field.Value)), field.Name, field.Value.Length == 0 ? "x.exe" : "../../" + new string('a', Math.Min(300, field.Value.Length)) + ".pdf");
                }
                else
                {
                    multipart.Add(new StringContent(field.Value), field.Name);
                }
            }

            content = multipart;
        }
        else
        {
            var pairs = fields.Select(f => Escape(f.Name) + "=" + Escape(f.Value));
            if (token is not null)
            {
                pairs = pairs.Append("__RequestVerificationToken=" + Escape(token));
            }

            content = new StringContent(string.Join("&", pairs), Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        using (content)
        {
            var accepted = Accepted(await SendAsync(client, asker, HttpMethod.Post, form.Action, content, what));
            Refused += accepted ? 0 : 1;
            return accepted;
        }
    }

    private async Task ApiAsync(PortalClient client, Asker asker, HttpMethod method, string path)
    {
        foreach (var body in JsonBodies)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            (await SendAsync(client, asker, method, path, content, "body " + Preview(body)))?.Dispose();
        }

        using var wrongType = new StringContent("a=1", Encoding.UTF8, "application/x-www-form-urlencoded");
        (await SendAsync(client, asker, method, path, wrongType, "form body"))?.Dispose();
    }

    /// <summary>Sends one request; a 5xx (or an exception out of the host) is a failure. Null when the request failed.</summary>
    private async Task<HttpResponseMessage?> SendAsync(PortalClient client, Asker asker, HttpMethod method, string url, HttpContent? content, string? what = null)
    {
        if (method == HttpMethod.Get)
        {
            Gets++;
        }
        else
        {
            Posts++;
        }

        try
        {
            using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = content };
            var response = await client.Http.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                var body = await response.Content.ReadAsStringAsync();
                Failures.Add($"{asker} {method} {Preview(url)} {what}: {(int)response.StatusCode} {Preview(Tags().Replace(body, " ").Trim())}");
            }

            return response;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failures.Add($"{asker} {method} {Preview(url)} {what}: {e.GetType().Name}: {Preview(e.Message)}");
            return null;
        }
    }

    private static bool Accepted(HttpResponseMessage? response)
    {
        using (response)
        {
            return response is not null && (int)response.StatusCode is >= 300 and < 400;
        }
    }

    private static string Escape(string value)
    {
        try
        {
            return Uri.EscapeDataString(value);
        }
        catch (UriFormatException)
        {
            return "%ED%A0%80"; // a lone surrogate: invalid UTF-8 on the wire
        }
    }

    private static string Preview(string value) => value.Length <= 160 ? value : value[..160] + $"…({value.Length})";

    [GeneratedRegex(@"<[^>]*>|\s+")]
    private static partial Regex Tags();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
