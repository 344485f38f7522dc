using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.SecurityHub;

namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>
/// The number of findings the collection will read, for "3,200 / 9,870 findings". Security Hub has no count API for
/// ASFF findings; its custom insights are its counting feature: a temporary insight with the collection's own filters,
/// grouped by <c>SeverityLabel</c> (five groups, well under the 100 values an insight returns), summed, and deleted.
/// Three calls per attempt instead of a first pass over every page. Without the insight permissions (a role made from
/// an older template), a throttled answer or any other refusal, the progress simply shows no total.
/// </summary>
internal static class DiagnosisFindingTotal
{
    public static async Task<int?> CountAsync(
        SecurityHubClient hub, AwsSecurityFindingFilters filters, DiagnosisCallLog calls, Guid instanceId, CancellationToken cancellationToken)
    {
        string? arn = null;
        try
        {
            calls.Count("securityhub:CreateInsight");
            arn = (await hub.CreateInsightAsync(new CreateInsightRequest
            {
                Name = $"cloudpack+ ACCT-D count {instanceId:N}", Filters = filters, GroupByAttribute = "SeverityLabel",
            }, cancellationToken)).InsightArn;
            calls.Count("securityhub:GetInsightResults");
            var results = await hub.GetInsightResultsAsync(arn, cancellationToken);
            return results.InsightResults?.ResultValues.Sum(v => v.Count);
        }
        catch (AwsIntegrationException)
        {
            return null;
        }
        finally
        {
            if (arn is not null)
            {
                try
                {
                    calls.Count("securityhub:DeleteInsight");
                    await hub.DeleteInsightAsync(arn, CancellationToken.None);
                }
                catch (AwsIntegrationException)
                {
                    // Left behind: an empty custom insight costs nothing; the report's appendix lists the call.
                }
            }
        }
    }
}
