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

    // A TemplateContext builds Scriban's whole builtin library (~34 KiB, most of a step's allocations), so each
    // thread keeps one and reuses it: an evaluation is synchronous, so no other evaluation can interleave on it.
    // Its builtins are frozen and each evaluation gets its own top-level scope (popped after), so nothing a script
    // assigns outlives its evaluation; a context an evaluation failed in is dropped.
    [ThreadStatic]
    private static TemplateContext? t_context;

    [ThreadStatic]
    private static CancellationTokenSource? t_timeout;

    private object? Run(Template template, ExecutionState state, bool render)
    {
        var context = t_context ??= NewContext();
        var timeout = t_timeout ??= new CancellationTokenSource();
        context.LoopLimit = Limits.LoopLimit;
        context.RecursiveLimit = Limits.RecursionLimit;
        context.LimitToString = Limits.OutputLimit;
        context.OutputLimit = Limits.OutputLimit;
        timeout.CancelAfter(Limits.Timeout);
        context.CancellationToken = timeout.Token;
        context.PushGlobal(new ScriptObject(3)
        {
            ["variables"] = state.Variables,
            ["outputs"] = state.Outputs,
            ["input"] = state.Input,
        });
        if (render)
        {
            context.PushOutput(new StringBuilderOutput());
        }

        var completed = false;
        try
        {
            var result = render ? template.Render(context) : template.Evaluate(context);
            completed = true;
            return result;
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or OperationCanceledException or InvalidOperationException)
        {
            throw new ExpressionException($"Expression failed: {e.Message}", e);
        }
        finally
        {
            if (completed)
            {
                Release(context, timeout, render);
            }
            else
            {
                (t_context, t_timeout) = (null, null);
                timeout.Dispose();
            }
        }
    }

    private static void Release(TemplateContext context, CancellationTokenSource timeout, bool render)
    {
        if (render)
        {
            context.PopOutput();
        }

        context.PopGlobal();
        if (context.Output is StringBuilderOutput written)
        {
            // Code-only expressions may print; nothing printed is kept for the next evaluation.
            written.Builder.Clear();
        }

        if (!timeout.TryReset())
        {
            timeout.Dispose();
            t_timeout = null;
        }
    }

    private static TemplateContext NewContext()
    {
        var context = new TemplateContext
        {
            TemplateLoader = null,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            ObjectRecursionLimit = 20,
            StrictVariables = false,
        };
        Freeze(context.BuiltinObject);
        return context;
    }

    private static void Freeze(ScriptObject builtins)
    {
        foreach (var value in builtins.Values)
        {
            if (value is ScriptObject { IsReadOnly: false } nested)
            {
                Freeze(nested);
            }
        }

        builtins.IsReadOnly = true;
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
