using CloudpackPlus.Integrations.Tests.Support;
using CloudpackPlus.Testing;
using static CloudpackPlus.Activities.Tests.AccountDiagnosis.AccountDiagnosisFixture;

namespace CloudpackPlus.Activities.Tests.AccountDiagnosis;

/// <summary>Every AWS request a whole diagnosis makes, and every answer the simulated AWS gives, fits the botocore models in shared/aws.</summary>
public sealed class AccountDiagnosisConformanceTests(AccountDiagnosisFixture fx) : IClassFixture<AccountDiagnosisFixture>
{
    private static readonly Dictionary<string, string> ModelFolders = new(StringComparer.Ordinal)
    {
        ["securityhub"] = "aws/models/securityhub/2018-10-26",
        ["config"] = "aws/models/config/2014-11-12",
    };

    [SkippableFact]
    [Trait("Spec", "ACCT-D")]
    [Trait("Spec", "TOOL-1")]
    public async Task EveryCallOfADiagnosis_FitsTheAwsModels()
    {
        var models = ModelFolders.ToDictionary(m => m.Key, m => ServiceModel.Load(SharedData.Require(m.Value)), StringComparer.Ordinal);
        var customer = await fx.NewCustomerAsync(findings: 180);
        var applied = await fx.ApplyAsync(customer);
        await fx.CompleteAsync((await fx.TaskAtAsync(applied.ApplicationId, "create-role")).Id, Representative(customer.Company), new { created = true });
        await fx.FireTimerAsync(applied.ApplicationId);
        await fx.CompleteAsync((await fx.TaskAtAsync(applied.ApplicationId, "cleanup")).Id, Representative(customer.Company), new { undo = "disable" });
        await fx.TaskAtAsync(applied.ApplicationId, "delete-role");

        var calls = fx.Calls.Where(c => c.Service != "sts").ToList();
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
            "BatchEnableStandards", "CreateInsight", "DeleteInsight", "DescribeConfigurationRecorderStatus", "DescribeConfigurationRecorders",
            "DisableSecurityHub", "EnableSecurityHub", "GetEnabledStandards", "GetFindings", "GetInsightResults", "PutConfigurationRecorder", "PutDeliveryChannel",
            "StartConfigurationRecorder", "StopConfigurationRecorder",
        ];
        Assert.Contains(calls, c => c is { Operation: "DescribeHub", Status: 401 }); // Security Hub was off: the diagnosis found out and enabled it
        Assert.Equal(expected, calls.Where(c => c.Status == 200).Select(c => c.Operation).Distinct().Order(StringComparer.Ordinal));
    }
}
