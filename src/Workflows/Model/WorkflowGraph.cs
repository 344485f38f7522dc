using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudpackPlus.Workflows.Model;

/// <summary>
/// A workflow definition as staff edit it and as it is stored (jsonb) per version: a flowchart of
/// activities joined by connections from a named outcome to the next activity, plus variables.
/// </summary>
public sealed record WorkflowGraph
{
    /// <summary>Stable id of the definition across its versions (e.g. <c>aws-training</c>).</summary>
    public required string DefinitionId { get; init; }

    /// <summary>Human name shown in the console (Japanese).</summary>
    public string Name { get; init; } = "";

    /// <summary>The English name shown to English readers; without one they see <see cref="DefinitionId"/>.</summary>
    public string? NameEn { get; init; }

    /// <summary>The name in the reader's language: the English name, else the id, for English readers.</summary>
    public string NameIn(bool japanese) => japanese ? Name : string.IsNullOrWhiteSpace(NameEn) ? DefinitionId : NameEn;

    /// <summary>Declared variables with their defaults.</summary>
    public IReadOnlyList<VariableDefinition> Variables { get; init; } = [];

    /// <summary>The activities (nodes) of the flowchart.</summary>
    public IReadOnlyList<ActivityNode> Activities { get; init; } = [];

    /// <summary>The connections (edges) between activities.</summary>
    public IReadOnlyList<Connection> Connections { get; init; } = [];

    /// <summary>Serializer settings for graphs: camelCase, indented for export files.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Parses a graph from JSON; throws <see cref="WorkflowDefinitionException"/> with a readable message.</summary>
    public static WorkflowGraph Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkflowGraph>(json, JsonOptions)
                ?? throw new WorkflowDefinitionException("The definition is empty.");
        }
        catch (JsonException e)
        {
            throw new WorkflowDefinitionException($"The definition is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The graph as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>A declared variable of a workflow.</summary>
/// <param name="Name">Variable name, as used in expressions (<c>variables.name</c>).</param>
/// <param name="Default">Initial value; null when absent.</param>
public sealed record VariableDefinition(string Name, JsonElement? Default = null);

/// <summary>One activity of the flowchart.</summary>
public sealed record ActivityNode
{
    /// <summary>Unique id of the node within the graph.</summary>
    public required string Id { get; init; }

    /// <summary>Registered activity type name (e.g. <c>Decision</c>).</summary>
    public required string Type { get; init; }

    /// <summary>Optional label shown in the designer.</summary>
    public string? DisplayName { get; init; }

    /// <summary>
    /// Input values by input name. A JSON literal is used as is; <c>{"expr": "..."}</c> is a Scriban
    /// expression over <c>variables</c>, <c>outputs</c> and <c>input</c>; a string containing
    /// <c>{{ }}</c> is rendered as a Scriban template.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Retry policy for this node; overrides the activity type's default.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>
    /// Boundary timers of a blocking node: created with its wait, each fires outcome <see cref="BoundaryTimer.Id"/>
    /// while (non-interrupting) or instead of (interrupting) the main wait; cancelled when the main wait resumes first.
    /// </summary>
    public IReadOnlyList<BoundaryTimer>? Boundary { get; init; }

    /// <summary>Where the designer draws the node (optional; a graph without positions is laid out automatically).</summary>
    public NodePosition? Position { get; init; }
}

/// <summary>A node's top-left corner on the designer's canvas, in canvas units.</summary>
/// <param name="X">Horizontal position.</param>
/// <param name="Y">Vertical position.</param>
public sealed record NodePosition(double X, double Y);

/// <summary>
/// A timer attached to a blocking node's wait. Its instant is <see cref="BusinessDays"/> business days or
/// <see cref="Duration"/> after the wait starts; or, with <see cref="Before"/>/<see cref="After"/> = <c>due</c>,
/// that long before/after the wait's due date (a human task's due date, or a timer's due instant).
/// </summary>
/// <param name="Id">Boundary id; also the outcome its connections leave from.</param>
/// <param name="Before">Anchor the timer before this instant (<c>due</c>).</param>
/// <param name="After">Anchor the timer after this instant (<c>due</c>).</param>
/// <param name="BusinessDays">Offset in business days.</param>
/// <param name="Duration">Offset as a duration.</param>
/// <param name="Interrupting">Firing cancels the main wait (and its task) and leaves by the boundary outcome only.</param>
public sealed record BoundaryTimer(string Id, string? Before = null, string? After = null, int? BusinessDays = null,
    TimeSpan? Duration = null, bool Interrupting = false)
{
    /// <summary>The anchor word for a wait's due date.</summary>
    public const string Due = "due";
}

/// <summary>An edge: when <paramref name="From"/> completes with <paramref name="Outcome"/>, run <paramref name="To"/>.</summary>
public sealed record Connection(string From, string Outcome, string To);

/// <summary>How often a failing activity is retried and how long to wait between attempts.</summary>
/// <param name="MaxAttempts">Total attempts including the first (1 = no retry).</param>
/// <param name="BackoffSeconds">Wait before the second attempt.</param>
/// <param name="BackoffFactor">Multiplier of the wait for each further attempt.</param>
public sealed record RetryPolicy(int MaxAttempts = 1, double BackoffSeconds = 10, double BackoffFactor = 2)
{
    /// <summary>No retry: the first failure raises an incident.</summary>
    public static RetryPolicy None { get; } = new();

    /// <summary>The wait after the given failed attempt (1-based).</summary>
    public TimeSpan DelayAfter(int attempt) =>
        TimeSpan.FromSeconds(BackoffSeconds * Math.Pow(BackoffFactor, Math.Max(0, attempt - 1)));
}

/// <summary>A definition that cannot be read or used.</summary>
public sealed class WorkflowDefinitionException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public WorkflowDefinitionException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public WorkflowDefinitionException() { }

    /// <summary>Creates the exception with its message and cause.</summary>
    public WorkflowDefinitionException(string message, Exception inner) : base(message, inner) { }
}
