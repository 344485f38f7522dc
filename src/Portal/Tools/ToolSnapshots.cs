using System.Text.Json;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Tools;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Tools;

/// <summary>Why a refresh was not started.</summary>
public enum RefreshRefusal
{
    None,

    /// <summary>The account was refreshed (or a refresh started) less than <see cref="ToolSnapshots.MinimumInterval"/> ago.</summary>
    TooSoon,

    /// <summary>A refresh of the account is still running.</summary>
    Running,
}

/// <summary>
/// The cached AWS answers of the tools (PostgreSQL, <c>core.aws_tool_snapshots</c>): read, start a refresh (rate-limited
/// per account and tool, since AWS charges or throttles), record progress and the result.
/// </summary>
public sealed class ToolSnapshots(CoreDbContext db, TimeProvider clock)
{
    /// <summary>At most one refresh per account and tool in this interval.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(10);

    /// <summary>A refresh that has not finished after this long is treated as dead (the job failed) and may be restarted.</summary>
    public static readonly TimeSpan StaleRefresh = TimeSpan.FromMinutes(15);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<AwsToolSnapshot?> FindAsync(Guid companyId, string accountId, CustomerTool tool, CancellationToken cancellationToken) =>
        db.AwsToolSnapshots.AsNoTracking().SingleOrDefaultAsync(s => s.CompanyId == companyId && s.AccountId == accountId && s.Tool == tool, cancellationToken);

    /// <summary>Marks a refresh as started unless one ran too recently or is running; the caller then enqueues the job.</summary>
    public async Task<RefreshRefusal> TryStartAsync(Guid companyId, string accountId, CustomerTool tool, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var row = await db.AwsToolSnapshots.SingleOrDefaultAsync(s => s.CompanyId == companyId && s.AccountId == accountId && s.Tool == tool, cancellationToken);
        if (row is null)
        {
            row = new AwsToolSnapshot { CompanyId = companyId, AccountId = accountId, Tool = tool };
            db.AwsToolSnapshots.Add(row);
        }
        else if (row.RefreshStartedAt is { } started && now - started < StaleRefresh)
        {
            return RefreshRefusal.Running;
        }
        else if (row.FetchedAt is { } fetched && now - fetched < MinimumInterval)
        {
            return RefreshRefusal.TooSoon;
        }

        row.RefreshStartedAt = now;
        row.Progress = 0;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request started it at the same moment.
            db.ChangeTracker.Clear();
            return RefreshRefusal.Running;
        }

        return RefreshRefusal.None;
    }

    public Task ReportProgressAsync(Guid companyId, string accountId, CustomerTool tool, int percent, CancellationToken cancellationToken) =>
        db.AwsToolSnapshots.Where(s => s.CompanyId == companyId && s.AccountId == accountId && s.Tool == tool)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Progress, Math.Clamp(percent, 0, 99)), cancellationToken);

    /// <summary>Stores a successful fetch (replacing the previous data) and ends the refresh.</summary>
    public Task CompleteAsync<T>(Guid companyId, string accountId, CustomerTool tool, T payload, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(payload, Json);
        var now = clock.GetUtcNow();
        return UpsertAsync(companyId, accountId, tool, row =>
        {
            row.Payload = json;
            row.FetchedAt = now;
            row.ErrorKind = null;
            row.ErrorDetail = null;
        }, cancellationToken);
    }

    /// <summary>Records why the refresh failed and ends it; the previous data (if any) stays, with its fetch time.</summary>
    public Task FailAsync(Guid companyId, string accountId, CustomerTool tool, string errorKind, string? detail, CancellationToken cancellationToken) =>
        UpsertAsync(companyId, accountId, tool, row =>
        {
            row.ErrorKind = errorKind;
            row.ErrorDetail = detail is { Length: > 500 } ? detail[..500] : detail;
        }, cancellationToken);

    public static T? Read<T>(AwsToolSnapshot? snapshot) where T : class =>
        snapshot?.Payload is { } json ? JsonSerializer.Deserialize<T>(json, Json) : null;

    private async Task UpsertAsync(Guid companyId, string accountId, CustomerTool tool, Action<AwsToolSnapshot> change, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var row = await db.AwsToolSnapshots.SingleOrDefaultAsync(s => s.CompanyId == companyId && s.AccountId == accountId && s.Tool == tool, cancellationToken);
        if (row is null)
        {
            row = new AwsToolSnapshot { CompanyId = companyId, AccountId = accountId, Tool = tool };
            db.AwsToolSnapshots.Add(row);
        }

        change(row);
        row.RefreshStartedAt = null;
        row.Progress = 100;
        await db.SaveChangesAsync(cancellationToken);
    }
}
