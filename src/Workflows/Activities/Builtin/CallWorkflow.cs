using System.Globalization;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Npgsql;

namespace CloudpackPlus.Workflows.Activities.Builtin;

/// <summary>
/// Starts a child instance of another definition in the same step, pinned to a version (a number, or the
/// version published at call time; the pin is the <c>version</c> output), and waits for it. When the child
/// ends, its ending step marks this wait due (outbox) and a job resumes the parent: outcome <c>Done</c> when
/// the child finished, <c>Faulted</c> when it faulted or was cancelled (the child's incident stays open for
/// staff). Cancelling or ending the parent cancels a running child.
/// </summary>
[Activity("CallWorkflow", DisplayNameJa = "サブワークフロー呼び出し", DisplayNameEn = "Call workflow", Category = "Flow", Kind = ActivityKind.Blocking,
    Description = "Runs another workflow (pinned version) as a child and waits for it; Faulted when the child faults.", Outcomes = [ActivityResult.DefaultOutcome, FaultedOutcome])]
public sealed class CallWorkflow : Activity
{
    /// <summary>The outcome when the child faulted or was cancelled.</summary>
    public const string FaultedOutcome = "Faulted";

    /// <summary>The child's definition id.</summary>
    [Input(Description = "Definition id", Required = true)]
    public string DefinitionId { get; set; } = "";

    /// <summary>A version number, or empty / <c>latest</c> for the version published at call time.</summary>
    [Input(Description = "Version (number, or latest published)")]
    public string? Version { get; set; }

    /// <summary>The child's start input (an object).</summary>
    [Input(Description = "Input (object)")]
    public object? Input { get; set; }

    /// <summary>The child instance.</summary>
    [Output(Description = "Child instance id")]
    public string? InstanceId { get; set; }

    /// <summary>The version the child ran on.</summary>
    [Output(Description = "Pinned version")]
    public long PinnedVersion { get; set; }

    /// <summary>How the child ended (Finished, Faulted, Cancelled).</summary>
    [Output(Description = "Child status")]
    public string? Status { get; set; }

    /// <summary>The child's variables when it ended.</summary>
    [Output(Description = "Child variables")]
    public IReadOnlyDictionary<string, object?>? Variables { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pinned = string.IsNullOrWhiteSpace(Version) || Version.Equals("latest", StringComparison.OrdinalIgnoreCase)
            ? (int?)null
            : int.Parse(Version, NumberStyles.None, CultureInfo.InvariantCulture);
        // Raw SQL on the step's connection: the step's own WorkflowDbContext is not an activity's to save or clear.
        await using var command = new NpgsqlCommand(
            "SELECT id, version FROM wf.definitions WHERE definition_id = @id AND (CASE WHEN @version IS NULL THEN is_published ELSE version = @version AND published_at IS NOT NULL END)",
            (NpgsqlConnection)context.Connection, (NpgsqlTransaction)context.Transaction);
        command.Parameters.AddWithValue("id", DefinitionId);
        command.Parameters.Add(new NpgsqlParameter<int?>("version", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = pinned });
        (Guid Id, int Version)? row = null;
        await using (var reader = await command.ExecuteReaderAsync(context.CancellationToken))
        {
            if (await reader.ReadAsync(context.CancellationToken))
            {
                row = (reader.GetGuid(0), reader.GetInt32(1));
            }
        }

        var (versionId, version) = row
            ?? throw new WorkflowNotFoundException($"Workflow '{DefinitionId}' has no published version {(pinned is null ? "" : pinned.Value.ToString(CultureInfo.InvariantCulture))}.");
        var input = PlainValues.Normalize(Input) switch
        {
            null => "{}",
            IDictionary<string, object?> d => PlainValues.ToJson(d),
            _ => throw new InvalidOperationException("CallWorkflow input must be an object."),
        };
        var child = Guid.CreateVersion7();
        InstanceId = child.ToString();
        PinnedVersion = version;
        return ActivityResult.Suspend(new BookmarkRequest
        {
            Kind = BookmarkKind.ChildWorkflow,
            Child = new ChildWorkflowRequest(child, DefinitionId, versionId, version, input),
        });
    }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume)
    {
        ArgumentNullException.ThrowIfNull(resume);
        var result = resume.Payload;
        InstanceId = result.GetValueOrDefault("instanceId") as string;
        PinnedVersion = result.GetValueOrDefault("version") is long v ? v : 0;
        Status = result.GetValueOrDefault("status") as string;
        Variables = result.GetValueOrDefault("variables") as IReadOnlyDictionary<string, object?>;
        return ValueTask.FromResult(Status == nameof(InstanceStatus.Finished) ? ActivityResult.Done() : ActivityResult.Outcome(FaultedOutcome));
    }
}
