using System.Text.Json;
using CloudpackPlus.Workflows.Runtime;

namespace CloudpackPlus.Workflows.Background;

/// <summary>
/// One leased execution of a background activity as the activity sees it: the token cancelled when
/// the lease is lost (instance cancelled, bookmark closed, lease taken over) or the host stops, the
/// progress it reported, and the domain writes it asked to commit with its result.
/// </summary>
internal sealed class BackgroundSession : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly CancellationTokenSource _cancel;
    private readonly Lock _gate = new();
    private ActivityProgress? _progress;
    private bool _progressDirty;

    public BackgroundSession(CancellationToken hostStopping)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
        HostStopping = hostStopping;
    }

    /// <summary>The activity's token.</summary>
    public CancellationToken Token => _cancel.Token;

    public CancellationToken HostStopping { get; }

    /// <summary>Why the lease was lost, once it was.</summary>
    public string? LostReason { get; private set; }

    /// <summary>Writes that commit in the result's step, in order, only when the result is applied.</summary>
    public List<Func<IWorkflowStepScope, Task>> CommitWork { get; } = [];

    /// <summary>Signals the activity that its result will not be applied.</summary>
    public void Lose(string reason)
    {
        lock (_gate)
        {
            LostReason ??= reason;
        }

        _cancel.Cancel();
    }

    public void Report(long done, long? total, string? message, DateTimeOffset at)
    {
        var progress = new ActivityProgress(done, total, message is { Length: > 500 } ? message[..500] : message, at);
        lock (_gate)
        {
            _progress = progress;
            _progressDirty = true;
        }
    }

    /// <summary>The progress to write now (JSON), or null when nothing new was reported since the last write.</summary>
    public string? TakeProgress()
    {
        lock (_gate)
        {
            if (!_progressDirty || _progress is null)
            {
                return null;
            }

            _progressDirty = false;
            return JsonSerializer.Serialize(_progress, Json);
        }
    }

    /// <summary>The last progress (JSON), written with the result.</summary>
    public string? LastProgress()
    {
        lock (_gate)
        {
            return _progress is null ? null : JsonSerializer.Serialize(_progress, Json);
        }
    }

    public void Dispose() => _cancel.Dispose();
}

/// <summary>Progress a background activity reported (<see cref="Activities.ActivityContext.ReportProgress"/>).</summary>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units in all, when known.</param>
/// <param name="Message">What is being done (at most 500 characters).</param>
/// <param name="At">When it was reported.</param>
public sealed record ActivityProgress(long Done, long? Total, string? Message, DateTimeOffset At)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the stored JSON (null when none).</summary>
    public static ActivityProgress? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<ActivityProgress>(json, Json);
}
