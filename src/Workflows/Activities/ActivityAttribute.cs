namespace CloudpackPlus.Workflows.Activities;

/// <summary>How the runtime executes an activity.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ActivityKind>))]
public enum ActivityKind
{
    /// <summary>Runs inside the step's transaction, one after another with its neighbours.</summary>
    Instant,

    /// <summary>Runs in a Hangfire job; the instance resumes with its outputs when the job ends.</summary>
    Background,

    /// <summary>Creates a bookmark and suspends the instance until it is resumed.</summary>
    Blocking,
}

/// <summary>Marks a class as a workflow activity the registry discovers and the designer lists.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string typeName) : Attribute
{
    /// <summary>The type name used in definitions (stable; never rename a published one).</summary>
    public string TypeName { get; } = typeName;

    /// <summary>Japanese display name (the default UI language).</summary>
    public string DisplayNameJa { get; init; } = "";

    /// <summary>English display name.</summary>
    public string DisplayNameEn { get; init; } = "";

    /// <summary>Designer category (e.g. Flow, Tasks, Timers).</summary>
    public string Category { get; init; } = "General";

    /// <summary>What the activity does.</summary>
    public string Description { get; init; } = "";

    /// <summary>How the runtime executes it.</summary>
    public ActivityKind Kind { get; init; } = ActivityKind.Instant;

    /// <summary>Named outcomes; connections leave from these. Default: <c>Done</c>.</summary>
    public string[] Outcomes { get; init; } = [ActivityResult.DefaultOutcome];

    /// <summary>Default total attempts when a node gives no retry policy.</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>The designer's palette icon (one glyph); empty: the category's icon.</summary>
    public string Icon { get; init; } = "";
}

/// <summary>Marks a settable property as an input bound from the definition.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class InputAttribute : Attribute
{
    /// <summary>What the input means.</summary>
    public string Description { get; init; } = "";

    /// <summary>Publishing refuses a node that leaves a required input empty.</summary>
    public bool Required { get; init; }

    /// <summary>
    /// The designer's editor for the input when its CLR type does not say enough: <c>multiline</c>, <c>enum</c>,
    /// <c>expression</c>, <c>business-days</c>, <c>duration</c>, <c>form</c>, <c>json</c>. Empty: chosen from the type.
    /// </summary>
    public string Editor { get; init; } = "";

    /// <summary>The allowed values of an <c>enum</c> input.</summary>
    public string[] Options { get; init; } = [];
}

/// <summary>Marks a readable property as an output, stored after the activity runs (<c>outputs.node.name</c>).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class OutputAttribute : Attribute
{
    /// <summary>What the output means.</summary>
    public string Description { get; init; } = "";
}
