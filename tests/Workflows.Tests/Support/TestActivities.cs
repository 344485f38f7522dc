using System.Collections.Concurrent;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Workflows.Tests.Support;

/// <summary>Fails the first <see cref="FailTimes"/> attempts, then succeeds; counts attempts per instance.</summary>
[Activity("Test.Flaky", Category = "Test", MaxAttempts = 1)]
public sealed class Flaky : Activity
{
    public static ConcurrentDictionary<Guid, int> Calls { get; } = new();

    [Input]
    public int FailTimes { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var calls = Calls.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        return calls <= FailTimes
            ? throw new InvalidOperationException($"planned failure {calls}")
            : ValueTask.FromResult(ActivityResult.Done());
    }
}

/// <summary>Background activity that fails the first attempts (per instance) and doubles a number.</summary>
[Activity("Test.BackgroundDouble", Category = "Test", Kind = ActivityKind.Background)]
public sealed class BackgroundDouble : Activity
{
    public static ConcurrentDictionary<Guid, int> Calls { get; } = new();

    [Input(Required = true)]
    public long Number { get; set; }

    [Input]
    public int FailTimes { get; set; }

    [Output]
    public long Result { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var calls = Calls.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        if (calls <= FailTimes)
        {
            throw new InvalidOperationException("background failure");
        }

        Result = Number * 2;
        return ValueTask.FromResult(ActivityResult.Done());
    }
}

/// <summary>Inserts a company through CoreDbContext bound to the step transaction.</summary>
[Activity("Test.CreateCompany", Category = "Test")]
public sealed class CreateCompany : Activity
{
    [Input(Required = true)]
    public string Code { get; set; } = "";

    [Input]
    public bool FailAfterWrite { get; set; }

    [Input]
    public bool BreakCommit { get; set; }

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var db = context.GetDbContext<CoreDbContext>();
        db.Companies.Add(new Company { Code = Code, Name = Code, CreatedAt = context.Time.GetUtcNow() });
        await db.SaveChangesAsync(context.CancellationToken);
        if (BreakCommit)
        {
            // A deferred foreign key fails only at COMMIT: the whole step must roll back.
            await using var command = context.Connection.CreateCommand();
            command.Transaction = context.Transaction;
            command.CommandText = "INSERT INTO public.deferred_child (id, parent_id) VALUES (1, 999)";
            await command.ExecuteNonQueryAsync(context.CancellationToken);
        }

        return FailAfterWrite ? throw new InvalidOperationException("failed after writing") : ActivityResult.Done();
    }
}
