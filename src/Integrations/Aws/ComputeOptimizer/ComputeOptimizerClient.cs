using System.Runtime.CompilerServices;
using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.ComputeOptimizer;

/// <summary>AWS Compute Optimizer (awsJson1_0) for one account and region; needs the account's opt-in.</summary>
public sealed partial class ComputeOptimizerClient(AwsTransport transport, AwsEndpoint endpoint)
{
    public AwsEndpoint Endpoint => endpoint;

    public Task<GetEC2InstanceRecommendationsResponse> GetEC2InstanceRecommendationsAsync(
        GetEC2InstanceRecommendationsRequest? request = null, CancellationToken cancellationToken = default) =>
        transport.SendAsync<GetEC2InstanceRecommendationsResponse>(
            endpoint, AwsOperation.Rpc("GetEC2InstanceRecommendations"), request ?? new(), AwsJson.Camel, cancellationToken);

    /// <summary>Every EC2 recommendation of the region, following nextToken.</summary>
    public async IAsyncEnumerable<InstanceRecommendation> GetAllEC2InstanceRecommendationsAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await GetEC2InstanceRecommendationsAsync(new() { NextToken = token }, cancellationToken);
            foreach (var item in page.InstanceRecommendations)
            {
                yield return item;
            }

            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);
    }
}
