using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Tests.Support;

namespace CloudpackPlus.Integrations.Tests.Aws;

public sealed class TrustedAdvisorClientTests(AwsTestEnvironment env) : IClassFixture<AwsTestEnvironment>
{
    [Fact]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "COST-L")]
    public async Task SupportApi_ListsChecks_ResultsAndRefreshes_SignedForUsEast1()
    {
        var account = env.NewAccount();
        var checks = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).TrustedAdvisorChecks();

        var list = await checks.DescribeTrustedAdvisorChecksAsync("ja");
        var costCheck = list.Checks.First(c => c.Category == "cost_optimizing");
        var result = await checks.DescribeTrustedAdvisorCheckResultAsync(costCheck.Id);
        var refresh = await checks.RefreshTrustedAdvisorCheckAsync(costCheck.Id);

        Assert.True(list.Checks.Count(c => c.Category == "cost_optimizing") > 3 && list.Checks.Count(c => c.Category == "security") > 3);
        Assert.Equal("Low Utilization Amazon EC2 Instances", costCheck.Name);
        Assert.Equal("warning", result.Result!.Status);
        Assert.Equal(6, result.Result.FlaggedResources.Count);
        Assert.Equal(6L, (long)result.Result.ResourcesSummary.ResourcesFlagged);
        var savings = result.Result.CategorySpecificSummary.CostOptimizing!.EstimatedMonthlySavings;
        Assert.True(savings > 0);
        // Each flagged instance carries its share of the check's savings (metadata column 3), and a realistic id.
        var shares = result.Result.FlaggedResources.Sum(r => decimal.Parse(r.Metadata[3]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(shares, (decimal)savings - 0.05m, (decimal)savings + 0.05m);
        Assert.All(result.Result.FlaggedResources, r => Assert.StartsWith("i-0", r.Metadata[1], StringComparison.Ordinal));
        Assert.Equal("enqueued", refresh.Status!.Status);
        Assert.Equal("us-east-1", checks.Endpoint.Region);
        var call = env.CallsFor("DescribeTrustedAdvisorCheckResult")[^1];
        Assert.Equal("us-east-1", SigV4Authorization.Parse(call.Request.Header("Authorization"))!.Region);
    }

    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task SupportApi_WithoutBusinessPlan_SaysASupportPlanIsNeeded()
    {
        var account = env.NewAccount();
        account.BusinessSupport = false;
        var connection = await env.ConnectAsync(account, AwsRolePurpose.ReadOnly);

        var viaSupport = await Assert.ThrowsAsync<SupportPlanRequiredException>(() => connection.TrustedAdvisorChecks().DescribeTrustedAdvisorChecksAsync());
        var viaApi = await Assert.ThrowsAsync<SupportPlanRequiredException>(() => connection.TrustedAdvisor().ListRecommendationsAsync());

        Assert.Equal("SubscriptionRequiredException", viaSupport.AwsErrorCode);
        Assert.Equal(AwsErrorKind.SupportPlanRequired, viaApi.Kind);
        Assert.Contains("ビジネス", viaSupport.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task TrustedAdvisorApi_PagesRecommendations_AndListsResourcesByArn()
    {
        var account = env.NewAccount();
        var advisor = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).TrustedAdvisor();

        var first = await advisor.ListRecommendationsAsync(new() { MaxResults = 4 });
        var all = new List<string>();
        await foreach (var recommendation in advisor.ListAllRecommendationsAsync())
        {
            all.Add(recommendation.Id);
        }

        var cost = await advisor.ListRecommendationsAsync(new() { Pillar = "cost_optimizing" });
        var arn = cost.RecommendationSummaries.First(r => r.Status == "warning").Arn;
        var resources = await advisor.ListRecommendationResourcesAsync(arn);

        Assert.Equal(4, first.RecommendationSummaries.Count);
        Assert.NotNull(first.NextToken);
        Assert.Equal(24, all.Distinct().Count());
        Assert.All(cost.RecommendationSummaries, r => Assert.Contains("cost_optimizing", r.Pillars));
        Assert.Equal(6, resources.RecommendationResourceSummaries.Count); // Low Utilization Amazon EC2 Instances flags 6
        Assert.All(resources.RecommendationResourceSummaries, r => Assert.Equal(arn, r.RecommendationArn));
    }
}
