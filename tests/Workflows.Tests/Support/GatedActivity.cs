using System.Collections.Concurrent;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Workflows.Tests.Support;

/// <summary>What the test sees of one instance's <see cref="Gated"/> executions, and what it controls.</summary>
public sealed class Gate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationToken Token { get; set; }

    private int _calls;
    private int _effectCalls;

    public int Calls => Volatile.Read(ref _calls);

    public int EffectCalls => Volatile.Read(ref _effectCalls);

    public int NextCall() => Interlocked.Increment(ref _calls);

    public int NextEffectCall() => Interlocked.Increment(ref _effectCalls);

    public ConcurrentQueue<string> Keys { get; } = new();

    public ConcurrentQueue<string> ClientTokens { get; } = new();

    public Exception? DbAccessError { get; set; }
}

/// <summary>
/// Background activity the tests steer: reports progress, blocks its first execution until released
/// (honouring its token or not), fails its first execution after an external effect, records its keys.
/// </summary>
[Activity("Test.Gated", Category = "Test", Kind = ActivityKind.Background, MaxAttempts = 3)]
public sealed class Gated : Activity
{
    public static ConcurrentDictionary<Guid, Gate> Gates { get; } = new();

    [Input]
    public bool Block { get; set; }

    [Input]
    public bool HonourCancellation { get; set; }

    [Input]
    public bool FailFirst { get; set; }

    [Input]
    public bool Effect { get; set; }

    /// <summary>Which execution (1, 2, …) produced the result.</summary>
    [Output]
    public long Execution { get; set; }

    [Output]
    public long EffectResult { get; set; }

    public static Gate For(Guid instanceId) => Gates.GetOrAdd(instanceId, _ => new Gate());

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var gate = For(context.InstanceId);
        var call = gate.NextCall();
        gate.Keys.Enqueue(context.IdempotencyKey);
        gate.ClientTokens.Enqueue(context.Effects.ClientTokenFor("external"));
        gate.Token = context.CancellationToken;
        try
        {
            _ = context.GetDbContext<CoreDbContext>();
        }
        catch (InvalidOperationException e)
        {
            gate.DbAccessError = e;
        }

        if (Effect)
        {
            EffectResult = await context.Effects.RunOnceAsync("external", _ => Task.FromResult((long)gate.NextEffectCall() * 100));
        }

        context.ReportProgress(4200, 10000, "findings");
        if (Block && call == 1)
        {
            gate.Entered.TrySetResult();
            await (HonourCancellation ? gate.Release.Task.WaitAsync(context.CancellationToken) : gate.Release.Task);
        }

        if (FailFirst && call == 1)
        {
            throw new InvalidOperationException("planned background failure");
        }

        Execution = call;
        return ActivityResult.Done();
    }
}
