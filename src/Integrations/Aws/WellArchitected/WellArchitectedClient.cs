using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.WellArchitected;

/// <summary>
/// The AWS Well-Architected Tool (REST-JSON, regional): find or create a workload, read its lens reviews,
/// risk counts and the answers of one pillar. SEC-L uses the <c>wellarchitected</c> lens, pillar <c>security</c>.
/// </summary>
public sealed class WellArchitectedClient(AwsTransport transport, AwsEndpoint endpoint)
{
    /// <summary>The AWS Well-Architected Framework lens.</summary>
    public const string FrameworkLens = "wellarchitected";

    /// <summary>The security pillar's id in the framework lens.</summary>
    public const string SecurityPillar = "security";

    public AwsEndpoint Endpoint => endpoint;

    public Task<ListWorkloadsResponse> ListWorkloadsAsync(ListWorkloadsRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync<ListWorkloadsResponse>(endpoint, new AwsOperation("ListWorkloads", HttpMethod.Post, "/workloadsSummaries"),
            request, AwsJson.Pascal, cancellationToken);

    /// <summary>Every workload whose name starts with <paramref name="prefix"/>, following NextToken.</summary>
    public async IAsyncEnumerable<WorkloadSummary> ListAllWorkloadsAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await ListWorkloadsAsync(new ListWorkloadsRequest { WorkloadNamePrefix = prefix, NextToken = token, MaxResults = 50 }, cancellationToken);
            foreach (var workload in page.WorkloadSummaries)
            {
                yield return workload;
            }

            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);
    }

    public Task<CreateWorkloadResponse> CreateWorkloadAsync(CreateWorkloadRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync<CreateWorkloadResponse>(endpoint, new AwsOperation("CreateWorkload", HttpMethod.Post, "/workloads"),
            request, AwsJson.Pascal, cancellationToken);

    public Task<ListLensReviewsResponse> ListLensReviewsAsync(string workloadId, string? nextToken = null, CancellationToken cancellationToken = default) =>
        Get<ListLensReviewsResponse>("ListLensReviews", $"/workloads/{Escape(workloadId)}/lensReviews" + Query(("NextToken", nextToken)), cancellationToken);

    public Task<GetLensReviewResponse> GetLensReviewAsync(string workloadId, string lensAlias, CancellationToken cancellationToken = default) =>
        Get<GetLensReviewResponse>("GetLensReview", $"/workloads/{Escape(workloadId)}/lensReviews/{Escape(lensAlias)}", cancellationToken);

    public Task<ListAnswersResponse> ListAnswersAsync(
        string workloadId, string lensAlias, string? pillarId, string? nextToken = null, int? maxResults = null, CancellationToken cancellationToken = default) =>
        Get<ListAnswersResponse>("ListAnswers", $"/workloads/{Escape(workloadId)}/lensReviews/{Escape(lensAlias)}/answers" + Query(
            ("PillarId", pillarId), ("NextToken", nextToken), ("MaxResults", maxResults?.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    private Task<T> Get<T>(string operation, string path, CancellationToken cancellationToken) where T : AwsResponse, new() =>
        transport.SendAsync<T>(endpoint, new AwsOperation(operation, HttpMethod.Get, path), null, AwsJson.Pascal, cancellationToken);

    private static string Escape(string segment)
    {
        ArgumentException.ThrowIfNullOrEmpty(segment);
        return Uri.EscapeDataString(segment);
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters.Where(p => !string.IsNullOrEmpty(p.Value)))
        {
            builder.Append(builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value!));
        }

        return builder.ToString();
    }
}
