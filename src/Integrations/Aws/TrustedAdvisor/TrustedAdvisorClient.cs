using System.Runtime.CompilerServices;
using System.Text;
using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.TrustedAdvisor;

/// <summary>The Trusted Advisor API (REST-JSON, signed for us-east-1): recommendations and their resources.</summary>
public sealed class TrustedAdvisorClient(AwsTransport transport, AwsEndpoint endpoint)
{
    public AwsEndpoint Endpoint => endpoint;

    public Task<ListRecommendationsResponse> ListRecommendationsAsync(ListRecommendationsRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new();
        var path = "/v1/recommendations" + Query(
            ("language", request.Language), ("maxResults", request.MaxResults?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("nextToken", request.NextToken), ("pillar", request.Pillar), ("status", request.Status));
        return Send<ListRecommendationsResponse>("ListRecommendations", path, cancellationToken);
    }

    /// <summary>All recommendations, following nextToken to the end.</summary>
    public async IAsyncEnumerable<RecommendationSummary> ListAllRecommendationsAsync(
        string? pillar = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await ListRecommendationsAsync(new ListRecommendationsRequest { Pillar = pillar, NextToken = token }, cancellationToken);
            foreach (var item in page.RecommendationSummaries)
            {
                yield return item;
            }

            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);
    }

    public Task<ListRecommendationResourcesResponse> ListRecommendationResourcesAsync(
        string recommendationIdentifier, string? nextToken = null, int? maxResults = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(recommendationIdentifier);
        var path = $"/v1/recommendations/{Uri.EscapeDataString(recommendationIdentifier)}/resources" + Query(
            ("maxResults", maxResults?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("nextToken", nextToken));
        return Send<ListRecommendationResourcesResponse>("ListRecommendationResources", path, cancellationToken);
    }

    private Task<T> Send<T>(string operation, string path, CancellationToken cancellationToken) where T : AwsResponse, new() =>
        transport.SendAsync<T>(endpoint, new AwsOperation(operation, HttpMethod.Get, path), null, AwsJson.Camel, cancellationToken);

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
