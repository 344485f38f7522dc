using System.Collections.Concurrent;
using System.Text.Json;
using CloudpackPlus.Workflows.Runtime;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace CloudpackPlus.Workflows.Expressions;

/// <summary>
/// Scriban expressions and templates over <c>variables</c>, <c>outputs</c> and <c>input</c>, sandboxed:
/// no template loader (so no <c>include</c> and no file access), bounded loops, recursion, expression
/// depth and output size, and a wall-clock timeout. Parsed templates are cached by text.
/// </summary>
public sealed class ExpressionEvaluator
{
    private const int CacheLimit = 10_000;
    private readonly ConcurrentDictionary<(string Text, bool Template), Template> _cache = new();

    /// <summary>Limits applied to every evaluation.</summary>
    public ExpressionLimits Limits { get; init; } = new();

    /// <summary>Evaluates a code-only expression (e.g. <c>variables.amount &gt; 10</c>).</summary>
    public object? Evaluate(string expression, ExecutionState state) =>
        PlainValues.Normalize(Run(Parse(expression, template: false), state, render: false));

    /// <summary>Renders a template with <c>{{ }}</c> blocks to a string.</summary>
    public string Render(string template, ExecutionState state) =>
        Convert.ToString(Run(Parse(template, template: true), state, render: true), System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// The expression an input value holds: <c>{"expr": "..."}</c> is code, a string with <c>{{ }}</c> a
    /// template; null for a literal. Publishing checks and the runtime evaluates by this one rule.
    /// </summary>
    internal static (string Text, bool Template)? ExpressionIn(JsonElement raw) => raw.ValueKind switch
    {
        JsonValueKind.Object when raw.TryGetProperty("expr", out var expr) && expr.ValueKind == JsonValueKind.String => (expr.GetString()!, false),
        JsonValueKind.String when raw.GetString() is { } text && text.Contains("{{", StringComparison.Ordinal) => (text, true),
        _ => null,
    };

    /// <summary>Parse errors of an expression or template; empty when it is valid.</summary>
    public static IReadOnlyList<string> Check(string text, bool template)
    {
        var parsed = Template.Parse(text, parserOptions: ParserLimits, lexerOptions: Options(template));
        return parsed.HasErrors ? parsed.Messages.Select(m => m.ToString()).ToList() : [];
    }

    private Template Parse(string text, bool template)
    {
        if (_cache.TryGetValue((text, template), out var cached))
        {
            return cached;
        }

        var parsed = Template.Parse(text, parserOptions: ParserLimits, lexerOptions: Options(template));
        if (parsed.HasErrors)
        {
            throw new ExpressionException($"Invalid expression '{text}': {string.Join("; ", parsed.Messages)}");
        }

        if (_cache.Count > CacheLimit)
        {
            _cache.Clear();
        }

        _cache[(text, template)] = parsed;
        return parsed;
    }

    private static ParserOptions ParserLimits => new() { ExpressionDepthLimit = 100 };

    private static LexerOptions Options(bool template) =>
        template ? new LexerOptions { Mode = ScriptMode.Default } : new LexerOptions { Mode = ScriptMode.ScriptOnly };

    private object? Run(Template template, ExecutionState state, bool render)
    {
        var globals = new ScriptObject
        {
            ["variables"] = state.Variables,
            ["outputs"] = state.Outputs,
            ["input"] = state.Input,
        };
        using var timeout = new CancellationTokenSource(Limits.Timeout);
        var context = new TemplateContext
        {
            TemplateLoader = null,
            LoopLimit = Limits.LoopLimit,
            RecursiveLimit = Limits.RecursionLimit,
            LimitToString = Limits.OutputLimit,
            OutputLimit = Limits.OutputLimit,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            ObjectRecursionLimit = 20,
            StrictVariables = false,
            CancellationToken = timeout.Token,
        };
        context.PushGlobal(globals);
        try
        {
            return render ? template.Render(context) : template.Evaluate(context);
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or OperationCanceledException or InvalidOperationException)
        {
            throw new ExpressionException($"Expression failed: {e.Message}", e);
        }
    }
}

/// <summary>Sandbox limits of expression evaluation.</summary>
public sealed record ExpressionLimits
{
    /// <summary>Cumulative loop iterations.</summary>
    public int LoopLimit { get; init; } = 1000;

    /// <summary>Function recursion depth.</summary>
    public int RecursionLimit { get; init; } = 50;

    /// <summary>Characters of output or string conversion.</summary>
    public int OutputLimit { get; init; } = 64 * 1024;

    /// <summary>Wall-clock time per evaluation.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>An expression that does not parse or fails when evaluated.</summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public ExpressionException(string message) : base(message) { }

    /// <summary>Creates the exception with its message and cause.</summary>
    public ExpressionException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public ExpressionException() { }
}
