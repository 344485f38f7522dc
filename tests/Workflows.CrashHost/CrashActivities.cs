using CloudpackPlus.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.CrashHost;

/// <summary>The crash schema, reached through a step's transaction (no entities: raw SQL only).</summary>
public sealed class CrashDbContext(DbContextOptions<CrashDbContext> options) : DbContext(options);

/// <summary>
/// Calls the test's external receiver once per activation: through <see cref="ActivityEffects.RunOnceAsync{T}"/>
/// with the activation's idempotency key, so a retry after a crash between the call and its record
/// repeats the call with the same key (deduplicated by the receiver), and a retry after the record skips it.
/// </summary>
[Activity("Crash.CallReceiver", Category = "Test", Kind = ActivityKind.Background, MaxAttempts = 10)]
public sealed class CallReceiver : Activity
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The receiver's base URL (the third argument of the host).</summary>
    public static Uri? Receiver { get; set; }

    /// <summary>What the receiver answered.</summary>
    [Output]
    public string Answer { get; set; } = "";

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ReportProgress(0, 1, "calling the receiver");
        Answer = await context.Effects.RunOnceAsync("receiver", async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Receiver!, "effects"));
            request.Headers.Add("Idempotency-Key", context.IdempotencyKey);
            request.Content = new StringContent(context.InstanceId.ToString());
            using var response = await Http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(ct);
        });
        context.ReportProgress(1, 1, "done");
        return ActivityResult.Done();
    }
}

/// <summary>A background step whose database write commits with its result (so exactly once).</summary>
[Activity("Crash.RecordSideEffect", Category = "Test", Kind = ActivityKind.Background)]
public sealed class RecordSideEffect : Activity
{
    /// <summary>The step's name.</summary>
    [Input(Required = true)]
    public string Step { get; set; } = "";

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var step = Step;
        context.CommitWithResult(scope => scope.GetDbContext<CrashDbContext>().Database
            .ExecuteSqlAsync($"INSERT INTO crash.side_effects (instance_id, step) VALUES ({context.InstanceId}, {step})"));
        return ValueTask.FromResult(ActivityResult.Done());
    }
}

/// <summary>The same, as an instant activity writing in the step's own transaction.</summary>
[Activity("Crash.RecordInstant", Category = "Test")]
public sealed class RecordInstant : Activity
{
    /// <summary>The step's name.</summary>
    [Input(Required = true)]
    public string Step { get; set; } = "";

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.GetDbContext<CrashDbContext>().Database
            .ExecuteSqlAsync($"INSERT INTO crash.side_effects (instance_id, step) VALUES ({context.InstanceId}, {Step})", context.CancellationToken);
        return ActivityResult.Done();
    }
}
