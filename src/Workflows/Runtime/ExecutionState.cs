using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>
/// The in-memory state of one instance during a step: variables, earlier outputs, the nodes ready
/// to run, join arrivals, attempt counts and open waits. Persisted as small JSON columns.
/// </summary>
public sealed class ExecutionState
{
    /// <summary>The instance.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>The correlation id (application id).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Start input.</summary>
    public Dictionary<string, object?> Input { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Variables.</summary>
    public Dictionary<string, object?> Variables { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Persisted part: the flowchart position.</summary>
    public FlowState Flow { get; init; } = new();

    /// <summary>Outputs by node id.</summary>
    public Dictionary<string, Dictionary<string, object?>> Outputs => Flow.Outputs;

    /// <summary>The instance ended through an End activity.</summary>
    public bool Ended { get; set; }

    /// <summary>An activity failed for the last time during this step.</summary>
    public bool Faulted { get; set; }
}

/// <summary>The flowchart position of an instance (the <c>state</c> column).</summary>
public sealed class FlowState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Nodes ready to run, in order.</summary>
    public List<string> Queue { get; set; } = [];

    /// <summary>Outputs by node id.</summary>
    [JsonConverter(typeof(PlainOutputsConverter))]
    public Dictionary<string, Dictionary<string, object?>> Outputs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>For each join node, the nodes that have arrived.</summary>
    public Dictionary<string, List<string>> Joins { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Failed attempts so far by node id.</summary>
    public Dictionary<string, int> Attempts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Open waits: bookmark id → node id.</summary>
    public Dictionary<Guid, string> Waits { get; set; } = [];

    /// <summary>
    /// How many times each node was entered fresh (scheduled by an incoming connection); retries do not
    /// count. Part of the activation's idempotency key.
    /// </summary>
    public Dictionary<string, int> Activations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The activation number of a node: 1 until it is entered a second time.</summary>
    public int ActivationOf(string nodeId) => Math.Max(1, Activations.GetValueOrDefault(nodeId));

    /// <summary>The idempotency key of a node's current activation, stable across its retries and redeliveries.</summary>
    public string ActivationKey(Guid instanceId, string nodeId) => $"{instanceId:N}:{nodeId}:{ActivationOf(nodeId)}";

    /// <summary>Last journal sequence number written.</summary>
    public long JournalSeq { get; set; }

    /// <summary>Running ForEach activations by key (the node id, or node id + "&lt;" + frame inside another loop); null when none (keeps the common state small).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, LoopState>? Loops { get; set; }

    /// <summary>Live ForEach iterations (frames) by frame id; null when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, FrameState>? Frames { get; set; }

    /// <summary>The frame of each open wait that belongs to a ForEach iteration (bookmark id → frame id); null when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<Guid, string>? WaitFrames { get; set; }

    /// <summary>For a child instance (CallWorkflow): the parent and the bookmark it waits on; null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ParentLink? Parent { get; set; }

    /// <summary>Running child instances: the parent's bookmark id → child instance id; null when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<Guid, Guid>? Children { get; set; }

    /// <summary>Open boundary timers: boundary bookmark id → the main wait's bookmark id; null when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<Guid, BoundaryWait>? Boundaries { get; set; }

    /// <summary>Serialises the position.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a position.</summary>
    public static FlowState Parse(string json) => JsonSerializer.Deserialize<FlowState>(json, Json) ?? new FlowState();

    private sealed class PlainOutputsConverter : JsonConverter<Dictionary<string, Dictionary<string, object?>>>
    {
        public override Dictionary<string, Dictionary<string, object?>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var result = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
            foreach (var node in document.RootElement.EnumerateObject())
            {
                result[node.Name] = (Dictionary<string, object?>)PlainValues.FromJson(node.Value)!;
            }

            return result;
        }

        public override void Write(Utf8JsonWriter writer, Dictionary<string, Dictionary<string, object?>> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value);
    }
}

/// <summary>One running ForEach activation.</summary>
public sealed class LoopState
{
    /// <summary>The ForEach node.</summary>
    public string Node { get; set; } = "";

    /// <summary>The frame the ForEach itself runs in (null at the top level).</summary>
    public string? ParentFrame { get; set; }

    /// <summary>The items (JSON array).</summary>
    public string ItemsJson { get; set; } = "[]";

    /// <summary>How many items there are.</summary>
    public int Count { get; set; }

    /// <summary>Index of the next item to start.</summary>
    public int Next { get; set; }

    /// <summary>Iterations started and not yet back.</summary>
    public int Active { get; set; }

    /// <summary>At most this many iterations at once.</summary>
    public int MaxParallel { get; set; } = 1;

    /// <summary>The variable name the item is visible under inside the body.</summary>
    public string ItemVariable { get; set; } = "item";

    /// <summary>The variable name the index is visible under inside the body.</summary>
    public string IndexVariable { get; set; } = "index";
}

/// <summary>One ForEach iteration: its loop, index and item.</summary>
public sealed class FrameState
{
    /// <summary>The loop key.</summary>
    public string Loop { get; set; } = "";

    /// <summary>0-based index.</summary>
    public int Index { get; set; }

    /// <summary>The item (JSON).</summary>
    public string ItemJson { get; set; } = "null";
}

/// <summary>A boundary timer of a blocking node's wait.</summary>
/// <param name="Main">The main wait's bookmark.</param>
/// <param name="Id">The boundary's id (its outcome name).</param>
/// <param name="Interrupting">Whether firing cancels the main wait.</param>
public sealed record BoundaryWait(Guid Main, string Id, bool Interrupting);

/// <summary>The parent of a child instance.</summary>
/// <param name="InstanceId">The parent instance.</param>
/// <param name="BookmarkId">The parent's CallWorkflow bookmark.</param>
public sealed record ParentLink(Guid InstanceId, Guid BookmarkId);
