using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Config;
using CloudpackPlus.Integrations.Aws.SecurityHub;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Tests.Support;
using CloudpackPlus.Testing;

namespace CloudpackPlus.Integrations.Tests.Aws;

/// <summary>
/// Every operation the clients use, checked against the AWS models in shared/aws/models: the
/// request the client sends and the answer the simulated AWS gives must both fit the model.
/// </summary>
public sealed class ModelConformanceTests(AwsTestEnvironment env) : IClassFixture<AwsTestEnvironment>
{
    private static readonly Dictionary<string, string> ModelFolders = new(StringComparer.Ordinal)
    {
        ["securityhub"] = "aws/models/securityhub/2018-10-26",
        ["config"] = "aws/models/config/2014-11-12",
        ["support"] = "aws/models/support/2013-04-15",
        ["trustedadvisor"] = "aws/models/trustedadvisor/2022-09-15",
        ["compute-optimizer"] = "aws/models/compute-optimizer/2019-11-01",
        ["ce"] = "aws/models/ce/2017-10-25",
    };

    [SkippableFact]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "ACCT-D")]
    public async Task EveryOperation_SendsAndReceivesModelConformantMessages()
    {
        var models = ModelFolders.ToDictionary(m => m.Key, m => ServiceModel.Load(SharedData.Require(m.Value)), StringComparer.Ordinal);
        var account = env.NewAccount(findings: 230);
        var connection = await env.ConnectAsync(account);
        env.Calls.Clear();

        await RunEveryOperationAsync(connection, account);

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
        string[] expected =
        [
            "DescribeHub", "EnableSecurityHub", "GetEnabledStandards", "BatchEnableStandards", "GetFindings", "DisableSecurityHub",
            "DescribeConfigurationRecorders", "DescribeConfigurationRecorderStatus", "PutConfigurationRecorder", "PutDeliveryChannel",
            "StartConfigurationRecorder", "DescribeTrustedAdvisorChecks", "DescribeTrustedAdvisorCheckResult", "RefreshTrustedAdvisorCheck",
            "ListRecommendations", "ListRecommendationResources", "GetEC2InstanceRecommendations", "GetCostAndUsage",
        ];
        Assert.Equal(expected.Order(), calls.Where(c => c.Status == 200).Select(c => c.Operation).Distinct().Order());
        Assert.All(calls, c => Assert.True(models[c.Service].HasOperation(c.Operation)));
    }

    private static async Task RunEveryOperationAsync(AwsAccountConnection connection, SimulatedAccount account)
    {
        var hub = connection.SecurityHub();
        await hub.IsEnabledAsync();
        await hub.EnableSecurityHubAsync(new EnableSecurityHubRequest { EnableDefaultStandards = false, ControlFindingGenerator = "SECURITY_CONTROL" });
        await hub.DescribeHubAsync();
        await hub.BatchEnableStandardsAsync(new BatchEnableStandardsRequest
        {
            StandardsSubscriptionRequests = [new StandardsSubscriptionRequest { StandardsArn = SecurityHubClient.FoundationalBestPracticesArn("ap-northeast-1") }],
        });
        await hub.GetEnabledStandardsAsync(new GetEnabledStandardsRequest { MaxResults = 10 });
        await foreach (var _ in hub.GetFindingsAsync(AwsSecurityFindingFilters.ActiveFor(account.AccountId)))
        {
        }

        await hub.GetFindingsPageAsync(new GetFindingsRequest
        {
            Filters = new AwsSecurityFindingFilters { SeverityLabel = [StringFilter.EqualTo("HIGH")] },
            SortCriteria = [new SortCriterion { Field = "SeverityNormalized", SortOrder = "desc" }],
            MaxResults = 5,
        });

        var config = connection.Config();
        await config.DescribeConfigurationRecordersAsync();
        await config.PutConfigurationRecorderAsync(new PutConfigurationRecorderRequest
        {
            ConfigurationRecorder = new ConfigurationRecorder
            {
                Name = "default",
                RoleArn = $"arn:aws:iam::{account.AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                RecordingGroup = new RecordingGroup { AllSupported = true, IncludeGlobalResourceTypes = true },
            },
        });
        await config.PutDeliveryChannelAsync(new PutDeliveryChannelRequest
        {
            DeliveryChannel = new DeliveryChannel { Name = "default", S3BucketName = RoleTrustTemplates.ConfigBucketName(account.AccountId) },
        });
        await config.StartConfigurationRecorderAsync(new StartConfigurationRecorderRequest { ConfigurationRecorderName = "default" });
        await config.DescribeConfigurationRecorderStatusAsync(new DescribeConfigurationRecorderStatusRequest { ConfigurationRecorderNames = ["default"] });

        var checks = connection.TrustedAdvisorChecks();
        var list = await checks.DescribeTrustedAdvisorChecksAsync("en");
        foreach (var check in list.Checks.Take(4))
        {
            await checks.DescribeTrustedAdvisorCheckResultAsync(check.Id, "ja");
        }

        await checks.RefreshTrustedAdvisorCheckAsync(list.Checks[0].Id);

        var advisor = connection.TrustedAdvisor();
        var recommendations = await advisor.ListRecommendationsAsync(new() { MaxResults = 3, Language = "ja" });
        await advisor.ListRecommendationsAsync(new() { NextToken = recommendations.NextToken, Pillar = "security", Status = "error" });
        var warning = (await advisor.ListRecommendationsAsync(new() { Pillar = "cost_optimizing" })).RecommendationSummaries[0];
        await advisor.ListRecommendationResourcesAsync(warning.Arn, maxResults: 2);

        await foreach (var _ in connection.ComputeOptimizer().GetAllEC2InstanceRecommendationsAsync())
        {
        }

        await connection.CostExplorer().GetMonthlyCostByServiceAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 11, 1));
        await hub.DisableSecurityHubAsync();
    }
}
