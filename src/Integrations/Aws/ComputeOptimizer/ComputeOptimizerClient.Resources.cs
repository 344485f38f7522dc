using System.Runtime.CompilerServices;
using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.ComputeOptimizer;

/// <summary>EBS volume, Lambda function and Auto Scaling group recommendations (COST-L), each paged with nextToken.</summary>
public sealed partial class ComputeOptimizerClient
{
    public Task<GetEBSVolumeRecommendationsResponse> GetEBSVolumeRecommendationsAsync(
        ComputeOptimizerPageRequest? request = null, CancellationToken cancellationToken = default) =>
        transport.SendAsync<GetEBSVolumeRecommendationsResponse>(
            endpoint, AwsOperation.Rpc("GetEBSVolumeRecommendations"), request ?? new(), AwsJson.Camel, cancellationToken);

    public Task<GetLambdaFunctionRecommendationsResponse> GetLambdaFunctionRecommendationsAsync(
        ComputeOptimizerPageRequest? request = null, CancellationToken cancellationToken = default) =>
        transport.SendAsync<GetLambdaFunctionRecommendationsResponse>(
            endpoint, AwsOperation.Rpc("GetLambdaFunctionRecommendations"), request ?? new(), AwsJson.Camel, cancellationToken);

    public Task<GetAutoScalingGroupRecommendationsResponse> GetAutoScalingGroupRecommendationsAsync(
        ComputeOptimizerPageRequest? request = null, CancellationToken cancellationToken = default) =>
        transport.SendAsync<GetAutoScalingGroupRecommendationsResponse>(
            endpoint, AwsOperation.Rpc("GetAutoScalingGroupRecommendations"), request ?? new(), AwsJson.Camel, cancellationToken);

    /// <summary>Every EBS recommendation of the region, page by page.</summary>
    public IAsyncEnumerable<IReadOnlyList<VolumeRecommendation>> GetEBSVolumeRecommendationPagesAsync(CancellationToken cancellationToken = default) =>
        Pages(async (token, ct) => { var p = await GetEBSVolumeRecommendationsAsync(new() { NextToken = token }, ct); return (p.VolumeRecommendations, p.NextToken); }, cancellationToken);

    /// <summary>Every Lambda recommendation of the region, page by page.</summary>
    public IAsyncEnumerable<IReadOnlyList<LambdaFunctionRecommendation>> GetLambdaFunctionRecommendationPagesAsync(CancellationToken cancellationToken = default) =>
        Pages(async (token, ct) => { var p = await GetLambdaFunctionRecommendationsAsync(new() { NextToken = token }, ct); return (p.LambdaFunctionRecommendations, p.NextToken); }, cancellationToken);

    /// <summary>Every Auto Scaling group recommendation of the region, page by page.</summary>
    public IAsyncEnumerable<IReadOnlyList<AutoScalingGroupRecommendation>> GetAutoScalingGroupRecommendationPagesAsync(CancellationToken cancellationToken = default) =>
        Pages(async (token, ct) => { var p = await GetAutoScalingGroupRecommendationsAsync(new() { NextToken = token }, ct); return (p.AutoScalingGroupRecommendations, p.NextToken); }, cancellationToken);

    /// <summary>Every EC2 recommendation of the region, page by page.</summary>
    public IAsyncEnumerable<IReadOnlyList<InstanceRecommendation>> GetEC2InstanceRecommendationPagesAsync(CancellationToken cancellationToken = default) =>
        Pages(async (token, ct) => { var p = await GetEC2InstanceRecommendationsAsync(new() { NextToken = token }, ct); return (p.InstanceRecommendations, p.NextToken); }, cancellationToken);

    private static async IAsyncEnumerable<IReadOnlyList<T>> Pages<T>(
        Func<string?, CancellationToken, Task<(List<T> Items, string? Next)>> fetch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var (items, next) = await fetch(token, cancellationToken);
            yield return items;
            token = string.IsNullOrEmpty(next) ? null : next;
        }
        while (token is not null);
    }
}
