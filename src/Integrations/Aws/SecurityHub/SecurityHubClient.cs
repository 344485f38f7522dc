using System.Runtime.CompilerServices;
using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.SecurityHub;

/// <summary>AWS Security Hub (REST-JSON) for one account and region.</summary>
public sealed class SecurityHubClient(AwsTransport transport, AwsEndpoint endpoint)
{
    /// <summary>The AWS Foundational Security Best Practices standard, enabled by the diagnosis (ACCT-D).</summary>
    public static string FoundationalBestPracticesArn(string region) =>
        $"arn:aws:securityhub:{region}::standards/aws-foundational-security-best-practices/v/1.0.0";

    public AwsEndpoint Endpoint => endpoint;

    public Task<DescribeHubResponse> DescribeHubAsync(CancellationToken cancellationToken = default) =>
        Send<DescribeHubResponse>("DescribeHub", HttpMethod.Get, "/accounts", null, cancellationToken);

    /// <summary>Whether Security Hub is enabled; false instead of <see cref="SecurityHubNotEnabledException"/>.</summary>
    public async Task<bool> IsEnabledAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await DescribeHubAsync(cancellationToken);
            return true;
        }
        catch (SecurityHubNotEnabledException)
        {
            return false;
        }
    }

    public Task<AwsEmptyResponse> EnableSecurityHubAsync(EnableSecurityHubRequest request, CancellationToken cancellationToken = default) =>
        Send<AwsEmptyResponse>("EnableSecurityHub", HttpMethod.Post, "/accounts", request, cancellationToken);

    public Task<AwsEmptyResponse> DisableSecurityHubAsync(CancellationToken cancellationToken = default) =>
        Send<AwsEmptyResponse>("DisableSecurityHub", HttpMethod.Delete, "/accounts", null, cancellationToken);

    public Task<GetEnabledStandardsResponse> GetEnabledStandardsAsync(GetEnabledStandardsRequest request, CancellationToken cancellationToken = default) =>
        Send<GetEnabledStandardsResponse>("GetEnabledStandards", HttpMethod.Post, "/standards/get", request, cancellationToken);

    public Task<BatchEnableStandardsResponse> BatchEnableStandardsAsync(BatchEnableStandardsRequest request, CancellationToken cancellationToken = default) =>
        Send<BatchEnableStandardsResponse>("BatchEnableStandards", HttpMethod.Post, "/standards/register", request, cancellationToken);

    public Task<BatchDisableStandardsResponse> BatchDisableStandardsAsync(BatchDisableStandardsRequest request, CancellationToken cancellationToken = default) =>
        Send<BatchDisableStandardsResponse>("BatchDisableStandards", HttpMethod.Post, "/standards/deregister", request, cancellationToken);

    public Task<GetFindingsResponse> GetFindingsPageAsync(GetFindingsRequest request, CancellationToken cancellationToken = default) =>
        Send<GetFindingsResponse>("GetFindings", HttpMethod.Post, "/findings", request, cancellationToken);

    /// <summary>Creates a custom insight (Security Hub's only way to count findings: grouped counts of a filter).</summary>
    public Task<CreateInsightResponse> CreateInsightAsync(CreateInsightRequest request, CancellationToken cancellationToken = default) =>
        Send<CreateInsightResponse>("CreateInsight", HttpMethod.Post, "/insights", request, cancellationToken);

    /// <summary>The insight's counts per value of its group-by attribute.</summary>
    public Task<GetInsightResultsResponse> GetInsightResultsAsync(string insightArn, CancellationToken cancellationToken = default) =>
        Send<GetInsightResultsResponse>("GetInsightResults", HttpMethod.Get, "/insights/results/" + GreedyLabel(insightArn), null, cancellationToken);

    public Task<DeleteInsightResponse> DeleteInsightAsync(string insightArn, CancellationToken cancellationToken = default) =>
        Send<DeleteInsightResponse>("DeleteInsight", HttpMethod.Delete, "/insights/" + GreedyLabel(insightArn), null, cancellationToken);

    /// <summary>A greedy URI label (<c>{InsightArn+}</c>): each segment escaped, the slashes kept.</summary>
    private static string GreedyLabel(string value) => string.Join('/', value.Split('/').Select(Uri.EscapeDataString));

    /// <summary>
    /// Every finding matching the filters, one page (≤100) at a time: an account can hold tens of
    /// thousands, so callers aggregate or write them out as they come instead of loading them whole.
    /// </summary>
    public async IAsyncEnumerable<GetFindingsResponse> GetFindingPagesAsync(
        AwsSecurityFindingFilters? filters, int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(pageSize is >= 1 and <= 100, true, nameof(pageSize));
        string? token = null;
        do
        {
            var page = await GetFindingsPageAsync(
                new GetFindingsRequest { Filters = filters, MaxResults = pageSize, NextToken = token }, cancellationToken);
            yield return page;
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);
    }

    /// <summary>Every finding, streamed page by page (see <see cref="GetFindingPagesAsync"/>).</summary>
    public async IAsyncEnumerable<AwsSecurityFinding> GetFindingsAsync(
        AwsSecurityFindingFilters? filters, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in GetFindingPagesAsync(filters, 100, cancellationToken))
        {
            foreach (var finding in page.Findings)
            {
                yield return finding;
            }
        }
    }

    private Task<T> Send<T>(string operation, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
        where T : AwsResponse, new() =>
        transport.SendAsync<T>(endpoint, new AwsOperation(operation, method, path), body, AwsJson.Pascal, cancellationToken);
}
