using System.Net;
using System.Text.RegularExpressions;

namespace CloudpackPlus.Portal.Tests.Hardening;

/// <summary>A field of a form as the page renders it: its name, input type and current value.</summary>
public sealed record FormField(string Name, string Type, string Value);

/// <summary>Where a form posts (one per submit button with its own formaction), how, and with which fields.</summary>
public sealed record HtmlForm(string Method, string Action, bool Multipart, IReadOnlyList<FormField> Fields);

/// <summary>
/// Reads the forms and the query-string names of a rendered page, well enough to post to every handler as a browser
/// would: fields with their rendered values, checkboxes checked, the first option of a select, a submit button's
/// name/value and formaction.
/// </summary>
public static partial class HtmlForms
{
    public static IReadOnlyList<HtmlForm> Parse(string html, string pagePath)
    {
        ArgumentNullException.ThrowIfNull(html);
        var forms = new List<HtmlForm>();
        foreach (Match form in FormElement().Matches(html))
        {
            var attributes = form.Groups[1].Value;
            var body = form.Groups[2].Value;
            var method = (Attribute(attributes, "method") ?? "get").ToUpperInvariant();
            var action = Attribute(attributes, "action") is { Length: > 0 } a ? a : pagePath;
            var multipart = (Attribute(attributes, "enctype") ?? "").Contains("multipart", StringComparison.OrdinalIgnoreCase);
            var fields = Fields(body);
            var variants = new List<HtmlForm>();
            foreach (var button in SubmitButtons().Matches(body).Select(b => b.Groups[1].Value))
            {
                if ((Attribute(button, "type") ?? "submit").Equals("submit", StringComparison.OrdinalIgnoreCase))
                {
                    var target = Attribute(button, "formaction") is { Length: > 0 } t ? t : action;
                    var pressed = Attribute(button, "name") is { } name ? [.. fields, new FormField(name, "submit", Attribute(button, "value") ?? "")] : fields;
                    variants.Add(new HtmlForm(method, target, multipart, pressed));
                }
            }

            if (variants.Count == 0)
            {
                variants.Add(new HtmlForm(method, action, multipart, fields));
            }

            forms.AddRange(variants.DistinctBy(v => (v.Action, string.Join("&", v.Fields.Where(f => f.Type == "submit").Select(f => f.Name + "=" + f.Value)))));
        }

        return forms;
    }

    /// <summary>The names of the query-string parameters the page's links and GET forms use.</summary>
    public static IEnumerable<string> QueryNames(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        foreach (Match link in Href().Matches(html))
        {
            var url = WebUtility.HtmlDecode(link.Groups[1].Value);
            var query = url.IndexOf('?', StringComparison.Ordinal);
            if (!url.StartsWith('/') || query < 0)
            {
                continue;
            }

            foreach (var pair in url[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return Uri.UnescapeDataString(pair.Split('=')[0]);
            }
        }

        foreach (var form in Parse(html, "/").Where(f => f.Method == "GET"))
        {
            foreach (var field in form.Fields)
            {
                yield return field.Name;
            }
        }
    }

    private static List<FormField> Fields(string body)
    {
        var fields = new List<FormField>();
        foreach (Match input in InputElement().Matches(body))
        {
            var attributes = input.Groups[1].Value;
            var name = Attribute(attributes, "name");
            var type = (Attribute(attributes, "type") ?? "text").ToLowerInvariant();
            if (name is null || type is "submit" or "button" or "image" or "reset")
            {
                continue;
            }

            var value = Attribute(attributes, "value") ?? (type is "checkbox" or "radio" ? "on" : "");
            if (type is "radio" && fields.Any(f => f.Name == name))
            {
                continue;
            }

            fields.Add(new FormField(name, type, value));
        }

        foreach (Match select in SelectElement().Matches(body))
        {
            if (Attribute(select.Groups[1].Value, "name") is { } name)
            {
                var first = OptionValue().Match(select.Groups[2].Value);
                fields.Add(new FormField(name, "select", first.Success ? WebUtility.HtmlDecode(first.Groups[1].Value) : ""));
            }
        }

        foreach (Match area in TextAreaElement().Matches(body))
        {
            if (Attribute(area.Groups[1].Value, "name") is { } name)
            {
                fields.Add(new FormField(name, "textarea", WebUtility.HtmlDecode(area.Groups[2].Value)));
            }
        }

        return fields;
    }

    private static string? Attribute(string attributes, string name)
    {
        var match = Regex.Match(attributes, $@"(?:^|\s){Regex.Escape(name)}\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>]+))", RegexOptions.IgnoreCase);
        if (!match.Success)
        {
            return null;
        }

        var raw = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value;
        return WebUtility.HtmlDecode(raw);
    }

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex(@"<input\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex InputElement();

    [GeneratedRegex(@"<select\b([^>]*)>(.*?)</select>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SelectElement();

    [GeneratedRegex(@"<option\b[^>]*?value=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex OptionValue();

    [GeneratedRegex(@"<textarea\b([^>]*)>(.*?)</textarea>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TextAreaElement();

    [GeneratedRegex(@"<button\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex SubmitButtons();

    [GeneratedRegex(@"href=""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}
