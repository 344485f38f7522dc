using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Tools;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.CostExplorer;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Tools;

/// <summary>
/// TOOL-1 set-up: "test connection" assumes the read-only role afresh and calls each action the tools need, recording
/// which AWS refused; the representative disconnects an account or rotates the external id (every connection must
/// then be tested again, since the roles still trust the old id).
/// </summary>
public sealed class ToolConnectionService(CoreDbContext db, AwsAccountConnector connector, ExternalIdStore externalIds, TimeProvider clock)
{
    /// <summary>The actions the tools call, in the order they are probed.</summary>
    public static readonly string[] ProbedActions =
        ["support:DescribeTrustedAdvisorChecks", "support:DescribeTrustedAdvisorCheckResult", "ce:GetCostAndUsage"];

    public async Task<AwsToolConnection> TestAsync(Guid companyId, string accountId, Guid? userId, CancellationToken cancellationToken)
    {
        var row = await RowAsync(companyId, accountId, cancellationToken);
        row.MissingPermissions = null;
        row.ErrorKind = null;
        row.SupportPlan = null;
        try
        {
            var connection = await connector.ConnectAsync(companyId, accountId, AwsRolePurpose.ReadOnly, fresh: true, cancellationToken);
            var missing = new List<string>();
            var checks = connection.TrustedAdvisorChecks();
            var supportPlan = await ProbeAsync(missing, async () =>
            {
                var described = await checks.DescribeTrustedAdvisorChecksAsync("en", cancellationToken);
                if (described.Checks.FirstOrDefault() is { } first)
                {
                    await checks.DescribeTrustedAdvisorCheckResultAsync(first.Id, "en", cancellationToken);
                }
            });
            var today = Core.Time.Tokyo.Today(clock);
            await ProbeAsync(missing, () => connection.CostExplorer().GetMonthlyCostByServiceAsync(today, today, cancellationToken));
            row.SupportPlan = supportPlan;
            row.MissingPermissions = missing.Count == 0 ? null : string.Join(", ", missing);
            row.State = missing.Count == 0 ? AwsConnectionState.Connected : AwsConnectionState.MissingPermissions;
        }
        catch (AwsIntegrationException error)
        {
            row.State = error.Kind == AwsErrorKind.RoleNotAssumable ? AwsConnectionState.NotAssumable : AwsConnectionState.Failed;
            row.ErrorKind = error.Kind.ToString();
        }

        row.CheckedAt = clock.GetUtcNow();
        row.CheckedBy = userId;
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>The tools stop reading the account and its cached data is dropped; a new test connects it again.</summary>
    public async Task DisconnectAsync(Guid companyId, string accountId, Guid? userId, CancellationToken cancellationToken)
    {
        var row = await RowAsync(companyId, accountId, cancellationToken);
        row.State = AwsConnectionState.NotConnected;
        row.MissingPermissions = null;
        row.ErrorKind = null;
        row.CheckedAt = clock.GetUtcNow();
        row.CheckedBy = userId;
        await db.SaveChangesAsync(cancellationToken);
        // Deleted by statement, not row by row: a refresh job still writing its progress changes the row's version, and
        // a versioned delete would then fail the request (a disconnect must win whatever the job is doing).
        await db.AwsToolSnapshots.Where(s => s.CompanyId == companyId && s.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Replaces the external id: every account's connection goes back to "not connected" until tested again.</summary>
    public async Task RotateExternalIdAsync(Guid companyId, CancellationToken cancellationToken)
    {
        await externalIds.RotateAsync(companyId, cancellationToken);
        await db.AwsToolConnections.Where(c => c.CompanyId == companyId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, AwsConnectionState.NotConnected).SetProperty(c => c.MissingPermissions, (string?)null), cancellationToken);
    }

    private async Task<AwsToolConnection> RowAsync(Guid companyId, string accountId, CancellationToken cancellationToken)
    {
        var row = await db.AwsToolConnections.SingleOrDefaultAsync(c => c.CompanyId == companyId && c.AccountId == accountId, cancellationToken);
        if (row is null)
        {
            row = new AwsToolConnection { CompanyId = companyId, AccountId = accountId };
            db.AwsToolConnections.Add(row);
        }

        return row;
    }

    /// <summary>Runs one probe; returns false when the account has no support plan (allowed, but Trusted Advisor is unavailable).</summary>
    private static async Task<bool> ProbeAsync(List<string> missing, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (AwsAccessDeniedException denied)
        {
            missing.Add(denied.MissingPermission!);
        }
        catch (SupportPlanRequiredException)
        {
            return false;
        }

        return true;
    }
}
