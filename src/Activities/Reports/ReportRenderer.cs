using System.Collections.Concurrent;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace CloudpackPlus.Activities.Reports;

/// <summary>
/// Renders a service's report template inside the shared layout to one HTML document. Sandboxed like the
/// workflow expressions: no template loader (no <c>include</c>, no file access), bounded loops, recursion and
/// output. The template sees <c>model</c>, <c>report</c> (the cover data) and <c>charts</c>; the layout sees
/// <c>report</c> and <c>content</c> (the rendered body). Templates escape text with <c>| html.escape</c>.
/// </summary>
public sealed class ReportRenderer
{
    private const int MaxCached = 64;
    private readonly ConcurrentDictionary<string, Template> _cache = new(StringComparer.Ordinal);

    /// <summary>Refuses a template that does not parse, with the line and column of its first error.</summary>
    /// <exception cref="ReportTemplateException">The template has errors.</exception>
    public static Template Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var template = Template.Parse(body, parserOptions: new ParserOptions { ExpressionDepthLimit = 100 });
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw new ReportTemplateException(first.Span.Start.Line + 1, first.Span.Start.Column + 1, first.Message);
        }

        return template;
    }

    /// <summary>The whole HTML document: <paramref name="layout"/> around <paramref name="body"/>.</summary>
    public string Render(string layout, string body, ReportCover cover, object? model)
    {
        ArgumentNullException.ThrowIfNull(cover);
        var globals = new ScriptObject
        {
            ["model"] = model ?? new ScriptObject(),
            ["report"] = cover,
            ["charts"] = ReportCharts.CreateScriptObject(),
        };
        var content = Run(Cached(body), globals);
        var layoutGlobals = new ScriptObject { ["report"] = cover, ["content"] = content };
        return Run(Cached(layout), layoutGlobals);
    }

    private Template Cached(string text)
    {
        if (_cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        return _cache[text] = Parse(text);
    }

    private static string Run(Template template, ScriptObject globals)
    {
        var context = new TemplateContext
        {
            TemplateLoader = null,
            LoopLimit = 200_000,
            RecursiveLimit = 50,
            LimitToString = 0,
            StrictVariables = false,
            EnableRelaxedMemberAccess = true,
        };
        context.PushGlobal(globals);
        return template.Render(context);
    }
}
