using System.Collections.Concurrent;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Workflows.Tests.Support;

/// <summary>
/// Inserts a company whose creation time carries the +09:00 offset (as a careless activity would write
/// JST), which Npgsql refuses for timestamptz; once an instance is in <see cref="WriteUtcFor"/> it writes UTC.
/// </summary>
[Activity("Test.WriteCompanyInJst", Category = "Test", MaxAttempts = 1)]
public sealed class WriteCompanyInJst : Activity
{
    public static ConcurrentDictionary<Guid, bool> WriteUtcFor { get; } = new();

    [Input(Required = true)]
    public string Code { get; set; } = "";

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var now = context.Time.GetUtcNow();
        var db = context.GetDbContext<CoreDbContext>();
        db.Companies.Add(new Company { Code = Code, Name = Code, CreatedAt = WriteUtcFor.ContainsKey(context.InstanceId) ? now : now.ToOffset(TimeSpan.FromHours(9)) });
        await db.SaveChangesAsync(context.CancellationToken);
        return ActivityResult.Done();
    }
}

/// <summary>Kills its own database connection mid-step, as a failing network or a server restart would.</summary>
[Activity("Test.KillConnection", Category = "Test", MaxAttempts = 1)]
public sealed class KillConnection : Activity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        await using var command = context.Connection.CreateCommand();
        command.Transaction = context.Transaction;
        command.CommandText = "SELECT pg_terminate_backend(pg_backend_pid())";
        await command.ExecuteNonQueryAsync(context.CancellationToken);
        return ActivityResult.Done();
    }
}
