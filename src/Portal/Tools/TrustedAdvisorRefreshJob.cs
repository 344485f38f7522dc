using CloudpackPlus.Core.Tools;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.Extensions.Logging;

namespace CloudpackPlus.Portal.Tools;

/// <summary>
/// Hangfire job (TOOL-1): reads every Trusted Advisor check and its flagged resources through the read-only role and
/// stores them as the account's snapshot, reporting progress per check. Idempotent: a second run stores the same.
/// A missing support plan or permission is stored as the snapshot's error (the page says so), never thrown.
/// </summary>
public sealed partial class TrustedAdvisorRefreshJob(AwsAccountConnector connector, ToolSnapshots snapshots, ILogger<TrustedAdvisorRefreshJob> logger)
{
    public async Task RunAsync(Guid companyId, string accountId, string language, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await connector.ConnectAsync(companyId, accountId, AwsRolePurpose.ReadOnly, cancellationToken);
            var client = connection.TrustedAdvisorChecks();
            var lang = language == "en" ? "en" : "ja";
            var described = await client.DescribeTrustedAdvisorChecksAsync(lang, cancellationToken);
            var checks = new List<TrustedAdvisorCheckData>();
            foreach (var (check, index) in described.Checks.Select((c, i) => (c, i)))
            {
                var result = (await client.DescribeTrustedAdvisorCheckResultAsync(check.Id, lang, cancellationToken)).Result;
                if (result is not null)
                {
                    checks.Add(new TrustedAdvisorCheckData(check.Id, check.Name, check.Category, result.Status,
                        result.ResourcesSummary.ResourcesProcessed, result.ResourcesSummary.ResourcesFlagged,
                        result.CategorySpecificSummary.CostOptimizing?.EstimatedMonthlySavings,
                        check.Metadata,
                        result.FlaggedResources.Where(r => r.IsSuppressed != true)
                            .Select(r => new TrustedAdvisorResourceData(r.Status, r.Region, r.ResourceId, r.Metadata)).ToList()));
                }

                await snapshots.ReportProgressAsync(companyId, accountId, CustomerTool.TrustedAdvisor, (index + 1) * 100 / Math.Max(1, described.Checks.Count), cancellationToken);
            }

            await snapshots.CompleteAsync(companyId, accountId, CustomerTool.TrustedAdvisor, new TrustedAdvisorData(checks), cancellationToken);
        }
        catch (AwsIntegrationException error)
        {
            LogFailed(logger, accountId, error.Kind);
            await snapshots.FailAsync(companyId, accountId, CustomerTool.TrustedAdvisor, error.Kind.ToString(), error.MissingPermission, cancellationToken);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Trusted Advisor refresh of {Account} failed: {Kind}")]
    private static partial void LogFailed(ILogger logger, string account, AwsErrorKind kind);
}
