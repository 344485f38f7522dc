using System.Diagnostics;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Aws.WellArchitected;
using CloudpackPlus.Integrations.Tests.Support;
using CloudpackPlus.Testing;

namespace CloudpackPlus.Integrations.Tests.Aws;

/// <summary>
/// The simulated AWS behind COST-L and SEC-L: Compute Optimizer's EBS, Lambda and Auto Scaling pages,
/// Cost Explorer's paged 12 months, the Well-Architected Tool, Retry-After, and model conformance of
/// every request and answer those services use.
/// </summary>
public sealed class LiteServicesSimulationTests(AwsTestEnvironment env) : IClassFixture<AwsTestEnvironment>
{
    private static readonly Dictionary<string, string> ModelFolders = new(StringComparer.Ordinal)
    {
        ["support"] = "aws/models/support/2013-04-15",
        ["trustedadvisor"] = "aws/models/trustedadvisor/2022-09-15",
        ["compute-optimizer"] = "aws/models/compute-optimizer/2019-11-01",
        ["ce"] = "aws/models/ce/2017-10-25",
        ["wellarchitected"] = "aws/models/wellarchitected/2020-03-31",
    };

    [SkippableFact]
    [Trait("Spec", "COST-L")]
    [Trait("Spec", "SEC-L")]
    [Trait("Spec", "TOOL-1")]
    public async Task LiteOperations_SendAndReceiveModelConformantMessages()
    {
        var models = ModelFolders.ToDictionary(m => m.Key, m => ServiceModel.Load(SharedData.Require(m.Value)), StringComparer.Ordinal);
        var account = env.NewAccount();
        var connection = await env.ConnectAsync(account, AwsRolePurpose.ReadOnly);
        env.Calls.Clear();

        var optimizer = connection.ComputeOptimizer();
        await foreach (var _ in optimizer.GetEBSVolumeRecommendationPagesAsync())
        {
        }

        await foreach (var _ in optimizer.GetLambdaFunctionRecommendationPagesAsync())
        {
        }

        await foreach (var _ in optimizer.GetAutoScalingGroupRecommendationPagesAsync())
        {
        }

        await connection.CostExplorer().GetMonthlyCostByServiceAsync(new DateOnly(2025, 11, 1), new DateOnly(2026, 10, 1));
        var wa = connection.WellArchitected();
        var created = await wa.CreateWorkloadAsync(NewWorkload(account.AccountId, "token-1"));
        await foreach (var _ in wa.ListAllWorkloadsAsync("cloudpack+"))
        {
        }

        await wa.ListLensReviewsAsync(created.WorkloadId!);
        await wa.GetLensReviewAsync(created.WorkloadId!, WellArchitectedClient.FrameworkLens);
        var first = await wa.ListAnswersAsync(created.WorkloadId!, WellArchitectedClient.FrameworkLens, WellArchitectedClient.SecurityPillar, maxResults: 5);
        await wa.ListAnswersAsync(created.WorkloadId!, WellArchitectedClient.FrameworkLens, WellArchitectedClient.SecurityPillar, first.NextToken);

        var calls = env.Calls.Where(c => c.Service != "sts").ToList();
        var problems = new List<string>();
        foreach (var call in calls)
        {
            var model = models[call.Service];
            problems.AddRange(model.CheckRequest(call.Operation, call.Request).Select(p => $"request {call.Operation}: {p}"));
            if (call.Status == 200)
            {
                problems.AddRange(model.CheckResponse(call.Operation, call.ResponseBody).Select(p => $"response {call.Operation}: {p}"));
            }
        }

        Assert.Empty(problems);
        Assert.All(calls, c => Assert.Equal(200, c.Status));
        Assert.Equal(
            ["CreateWorkload", "GetAutoScalingGroupRecommendations", "GetCostAndUsage", "GetEBSVolumeRecommendations", "GetLambdaFunctionRecommendations",
                "GetLensReview", "ListAnswers", "ListLensReviews", "ListWorkloads"],
            calls.Select(c => c.Operation).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Spec", "COST-L")]
    public async Task ComputeOptimizer_ServesEbsLambdaAndAutoScaling_InPages_SameFleetForTheSameAccount()
    {
        var account = env.NewAccount();
        var optimizer = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).ComputeOptimizer();

        var volumes = new List<string?>();
        var pages = 0;
        await foreach (var page in optimizer.GetEBSVolumeRecommendationPagesAsync())
        {
            pages++;
            volumes.AddRange(page.Select(v => v.VolumeArn));
        }

        var again = await optimizer.GetEBSVolumeRecommendationsAsync();
        var functions = 0;
        await foreach (var page in optimizer.GetLambdaFunctionRecommendationPagesAsync())
        {
            functions += page.Count;
        }

        Assert.Equal((SimulatedComputeOptimizerResources.VolumeCount, 2), (volumes.Count, pages));
        Assert.Equal(volumes.Count, volumes.Distinct().Count());
        Assert.Equal(volumes.Take(again.VolumeRecommendations.Count), again.VolumeRecommendations.Select(v => v.VolumeArn));
        Assert.Equal(SimulatedComputeOptimizerResources.FunctionCount, functions);
        Assert.Contains(again.VolumeRecommendations, v => v.Finding == "NotOptimized" && v.VolumeRecommendationOptions![0].SavingsOpportunity!.EstimatedMonthlySavings!.Value > 0);
    }

    [Fact]
    [Trait("Spec", "COST-L")]
    public async Task CostExplorer_TwelveMonthsByService_ComeInSeveralPages()
    {
        var account = env.NewAccount();
        var ce = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).CostExplorer();
        env.Calls.Clear();

        var (costs, _) = await ce.GetMonthlyCostByServiceAsync(new DateOnly(2025, 11, 1), new DateOnly(2026, 10, 1));

        Assert.Equal(12, costs.Select(c => c.Month).Distinct().Count());
        Assert.Equal(3, env.Calls.Count(c => c.Operation == "GetCostAndUsage"));
        Assert.Contains(costs, c => c.Service == "Amazon Elastic Compute Cloud - Compute" && c.Amount > 1000);
    }

    [Fact]
    [Trait("Spec", "SEC-L")]
    public async Task WellArchitected_CreateIsIdempotentByToken_AndTheSecurityPillarCountsMatchTheAnswers()
    {
        var account = env.NewAccount();
        var wa = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).WellArchitected();

        var created = await wa.CreateWorkloadAsync(NewWorkload(account.AccountId, "same-token"));
        var repeated = await wa.CreateWorkloadAsync(NewWorkload(account.AccountId, "same-token"));
        var duplicate = await Assert.ThrowsAnyAsync<AwsIntegrationException>(() => wa.CreateWorkloadAsync(NewWorkload(account.AccountId, "other-token")));
        var review = await wa.GetLensReviewAsync(created.WorkloadId!, WellArchitectedClient.FrameworkLens);
        var answers = await wa.ListAnswersAsync(created.WorkloadId!, WellArchitectedClient.FrameworkLens, WellArchitectedClient.SecurityPillar);

        Assert.Equal(created.WorkloadId, repeated.WorkloadId);
        Assert.Equal("ConflictException", duplicate.AwsErrorCode);
        var security = review.LensReview!.PillarReviewSummaries.Single(p => p.PillarId == "security").RiskCounts!;
        Assert.Equal(11, answers.AnswerSummaries.Count);
        foreach (var risk in new[] { "HIGH", "MEDIUM", "NONE" })
        {
            Assert.Equal(security.GetValueOrDefault(risk), answers.AnswerSummaries.Count(a => a.Risk == risk));
        }

        var high = answers.AnswerSummaries.Where(a => a.Risk == "HIGH").ToList();
        Assert.All(high, a => Assert.Equal(2, a.Choices.Count(c => !a.SelectedChoices.Contains(c.ChoiceId!))));
        Assert.All(answers.AnswerSummaries.SelectMany(a => a.Choices), c => Assert.StartsWith("https://docs.aws.amazon.com/wellarchitected/", c.ImprovementPlan!.Url, StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task Throttling_WithRetryAfter_WaitsAsLongAsAsked()
    {
        var account = env.NewAccount();
        var options = env.Options();
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        var connection = await env.ConnectAsync(account, AwsRolePurpose.ReadOnly, options);
        env.Aws.InjectFault("GetLambdaFunctionRecommendations", 400, "ThrottlingException", retryAfterSeconds: 1, message: "Rate exceeded");

        var watch = Stopwatch.StartNew();
        var page = await connection.ComputeOptimizer().GetLambdaFunctionRecommendationsAsync();

        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.95), $"waited only {watch.Elapsed}");
        Assert.NotEmpty(page.LambdaFunctionRecommendations);
    }

    [Fact]
    [Trait("Spec", "SEC-L")]
    public async Task WellArchitected_WithoutThePermission_NamesTheAction()
    {
        var account = env.NewAccount().WithoutPermission("CloudpackPlusReadOnly", "wellarchitected:ListAnswers");
        var wa = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).WellArchitected();
        var created = await wa.CreateWorkloadAsync(NewWorkload(account.AccountId, "t"));

        var denied = await Assert.ThrowsAsync<AwsAccessDeniedException>(() =>
            wa.ListAnswersAsync(created.WorkloadId!, WellArchitectedClient.FrameworkLens, WellArchitectedClient.SecurityPillar));

        Assert.Equal("wellarchitected:ListAnswers", denied.MissingPermission);
    }

    private static CreateWorkloadRequest NewWorkload(string accountId, string token) => new()
    {
        WorkloadName = $"cloudpack+ SEC-L {accountId}",
        Description = "Security review by cloudpack+ (SEC-L)",
        Environment = "PRODUCTION",
        AccountIds = [accountId],
        AwsRegions = ["ap-northeast-1"],
        Lenses = [WellArchitectedClient.FrameworkLens],
        ClientRequestToken = token,
    };
}
