using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Tests.Support;

namespace CloudpackPlus.Integrations.Tests.Aws;

public sealed class ComputeOptimizerAndCostExplorerTests(AwsTestEnvironment env) : IClassFixture<AwsTestEnvironment>
{
    [Fact]
    [Trait("Spec", "COST-L")]
    public async Task ComputeOptimizer_ReturnsEc2Recommendations_AcrossPages()
    {
        var account = env.NewAccount();
        var optimizer = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).ComputeOptimizer();

        var firstPage = await optimizer.GetEC2InstanceRecommendationsAsync(new() { MaxResults = 2 });
        var all = new List<string?>();
        await foreach (var recommendation in optimizer.GetAllEC2InstanceRecommendationsAsync())
        {
            all.Add(recommendation.InstanceName);
        }

        Assert.Equal(2, firstPage.InstanceRecommendations.Count);
        Assert.NotNull(firstPage.NextToken);
        Assert.Equal(5, all.Count);
        var overprovisioned = firstPage.InstanceRecommendations[0];
        Assert.Equal("Overprovisioned", overprovisioned.Finding);
        Assert.True(overprovisioned.RecommendationOptions![0].SavingsOpportunity!.EstimatedMonthlySavings!.Value > 0);
        Assert.Equal(env.Time.GetUtcNow().AddHours(-6).ToUnixTimeSeconds(), overprovisioned.LastRefreshTimestamp!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    [Trait("Spec", "COST-L")]
    public async Task ComputeOptimizer_WithoutOptIn_SaysToOptIn()
    {
        var account = env.NewAccount();
        account.ComputeOptimizerOptedIn = false;
        var optimizer = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).ComputeOptimizer();

        var error = await Assert.ThrowsAsync<ComputeOptimizerOptInRequiredException>(() => optimizer.GetEC2InstanceRecommendationsAsync());

        Assert.Equal(AwsErrorKind.OptInRequired, error.Kind);
        Assert.Contains("opt", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(env.CallsFor("GetEC2InstanceRecommendations"), c => c.Status == 400);
    }

    [Fact]
    [Trait("Spec", "TOOL-2")]
    public async Task CostExplorer_ReturnsMonthlyCostByService_SignedForUsEast1()
    {
        var account = env.NewAccount();
        var ce = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).CostExplorer();

        var (costs, simulated) = await ce.GetMonthlyCostByServiceAsync(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 1));

        Assert.False(simulated);
        Assert.Equal([new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)], costs.Select(c => c.Month).Distinct());
        Assert.Contains(costs, c => c.Service == "Amazon Elastic Compute Cloud - Compute" && c.Amount > 1000m && c.Unit == "USD");
        Assert.All(costs.Where(c => c.Month.Month == 11), c => Assert.True(c.Estimated));
        Assert.All(costs.Where(c => c.Month.Month == 9), c => Assert.False(c.Estimated));
        var call = env.CallsFor("GetCostAndUsage")[^1];
        Assert.Equal("us-east-1", SigV4Authorization.Parse(call.Request.Header("Authorization"))!.Region);
        Assert.Equal("AWSInsightsIndexService.GetCostAndUsage", call.Request.Header("X-Amz-Target"));
    }
}
