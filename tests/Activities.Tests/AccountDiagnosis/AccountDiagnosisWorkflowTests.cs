using CloudpackPlus.Activities.AccountDiagnosis;
using CloudpackPlus.Activities.AccountDiagnosis.Data;
using CloudpackPlus.Activities.Tests.Support;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Testing;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;
using static CloudpackPlus.Activities.Tests.AccountDiagnosis.AccountDiagnosisFixture;

namespace CloudpackPlus.Activities.Tests.AccountDiagnosis;

/// <summary>ACCT-D (acct-d.json) end to end against the simulated AWS, through the services the portal pages call.</summary>
public sealed class AccountDiagnosisWorkflowTests(AccountDiagnosisFixture fx) : IClassFixture<AccountDiagnosisFixture>
{
    [Fact]
    [Trait("Spec", "ACCT-D")]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "REPORT-1")]
    public async Task Diagnosis_RunsFromApplicationToCompletion_EnablingOnlyWhatWasOff_AndUndoingIt()
    {
        var customer = await fx.NewCustomerAsync(findings: 1_234);
        customer.Aws.ConfigRecorderName = "customer-recorder"; // the customer records already: the diagnosis must not touch it
        customer.Aws.DeliveryChannelBucket = "customer-bucket";
        customer.Aws.ConfigRecording = true;
        var before = await ProgrammeSetup.BalanceAsync(fx.Services, customer.Company.CompanyId);
        var applied = await fx.ApplyAsync(customer);

        var createRole = await fx.TaskAtAsync(applied.ApplicationId, "create-role");
        Assert.Contains(customer.AccountId, createRole.Title, StringComparison.Ordinal);
        // The link is the portal's (it builds the console link when opened): the external id is not in the task (issue #17).
        Assert.Contains($"/Applications/{applied.ApplicationId}/DiagnosisRole?handler=QuickCreate", createRole.FormSchema, StringComparison.Ordinal);
        Assert.DoesNotContain("param_ExternalId=", createRole.FormSchema, StringComparison.Ordinal);
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(createRole.Id, Representative(customer.Company), new { created = true })).Outcome);

        // test connection → enable (Security Hub was off) → the settle timer (one business day)
        await fx.FireTimerAsync(applied.ApplicationId);
        Assert.True(customer.Aws.SecurityHubEnabled);
        Assert.Equal([DiagnosisStandardsArn("fsbp"), DiagnosisStandardsArn("cis")], customer.Aws.EnabledStandards);
        Assert.Equal("customer-recorder", customer.Aws.ConfigRecorderName);

        var cleanup = await fx.TaskAtAsync(applied.ApplicationId, "cleanup");
        var run = (await fx.RunAsync(applied.ApplicationId))!;
        Assert.Equal(1_234, run.FindingsCollected);
        Assert.Equal(13, run.Pages);
        var changes = System.Text.Json.JsonSerializer.Deserialize<DiagnosisChanges>(run.Changes)!;
        Assert.Equal((true, 2, false, null), (changes.EnabledSecurityHub, changes.EnabledStandards.Count, changes.StartedConfigRecorder, changes.CreatedConfigRecorder));
        var controls = await fx.ControlsAsync(applied.ApplicationId);
        Assert.Equal(1_234, controls.Sum(c => c.Failed + c.Passed + c.Other));
        Assert.True(controls.Select(c => c.Service).Distinct().Count() >= 20);
        var html = await fx.ReportHtmlAsync(run.InstanceId, "ja-JP");
        Assert.Contains($"<td data-test=\"total\">1,234</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td data-test=\"failed\">{controls.Sum(c => c.Failed):N0}</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-test=\"control-IAM.6\"", html, StringComparison.Ordinal);
        Assert.Contains("securityhub:GetFindings", html, StringComparison.Ordinal);
        Assert.Contains("Executive summary", await fx.ReportHtmlAsync(run.InstanceId, "en-US"), StringComparison.Ordinal);

        await fx.CompleteAsync(cleanup.Id, Representative(customer.Company), new { undo = "disable" });
        var deleteRole = await fx.TaskAtAsync(applied.ApplicationId, "delete-role");
        Assert.False(customer.Aws.SecurityHubEnabled); // what the diagnosis turned on is off again
        Assert.True(customer.Aws.ConfigRecording);     // the customer's own recorder still records
        customer.Aws.DeleteRole("CloudpackPlusDiagnosis");
        await fx.CompleteAsync(deleteRole.Id, Representative(customer.Company), new { deleted = true });
        var review = await fx.TaskAtAsync(applied.ApplicationId, "review");
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(review.Id, Csm(customer.Company), new { summary = "重大な指摘が2件あります。" })).Outcome);

        var application = await fx.ApplicationAsync(applied.ApplicationId);
        Assert.Equal(ApplicationStatus.Completed, application.Status);
        Assert.Equal(before - 5, await ProgrammeSetup.BalanceAsync(fx.Services, customer.Company.CompanyId));
    }

    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task TestConnection_NamesTheMissingPermission_AndRetriesAfterTheCustomerFixesIt()
    {
        var customer = await fx.NewCustomerAsync(findings: 50);
        await using (var scope = fx.Services.CreateAsyncScope())
        {
            var externalId = (await scope.ServiceProvider.GetRequiredService<RoleTrustService>().GetSetupAsync(customer.Company.CompanyId)).ExternalId;
            customer.Aws.WithRole("CloudpackPlusDiagnosis", externalId, AwsRolePurpose.Diagnosis).WithoutPermission("CloudpackPlusDiagnosis", "securityhub:GetFindings");
        }

        var applied = await fx.ApplyAsync(customer);
        await fx.CompleteAsync((await fx.TaskAtAsync(applied.ApplicationId, "create-role")).Id, Representative(customer.Company), new { created = true });

        var fix = await fx.TaskAtAsync(applied.ApplicationId, "fix-role");
        Assert.Contains("securityhub:GetFindings", fix.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("securityhub:DescribeHub", fix.Title, StringComparison.Ordinal);
        customer.Aws.Roles["CloudpackPlusDiagnosis"].Permissions.Add("securityhub:GetFindings");
        await fx.CompleteAsync(fix.Id, Representative(customer.Company), new { @fixed = true });

        Assert.True(await Eventually.WaitAsync(async () => await fx.RunAsync(applied.ApplicationId) is not null && customer.Aws.SecurityHubEnabled));
        Assert.Equal(ApplicationStatus.InProgress, (await fx.ApplicationAsync(applied.ApplicationId)).Status);
    }

    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task Undo_OnTheCustomersOwnHub_TurnsOffOnlyTheStandardsTheDiagnosisAdded_AndTheProgressHadATotal()
    {
        var customer = await fx.NewCustomerAsync(findings: 420);
        customer.Aws.SecurityHubEnabled = true; // the customer's own hub, with FSBP only
        customer.Aws.EnabledStandards.Add(DiagnosisStandardsArn("fsbp"));
        var applied = await fx.ApplyAsync(customer);
        await fx.CompleteAsync((await fx.TaskAtAsync(applied.ApplicationId, "create-role")).Id, Representative(customer.Company), new { created = true });
        await fx.FireTimerAsync(applied.ApplicationId);
        Assert.Equal([DiagnosisStandardsArn("fsbp"), DiagnosisStandardsArn("cis")], customer.Aws.EnabledStandards);

        var cleanup = await fx.TaskAtAsync(applied.ApplicationId, "cleanup");
        var run = (await fx.RunAsync(applied.ApplicationId))!;
        Assert.Equal(420, run.FindingsCollected);
        // The total came from a temporary insight, deleted again; the report's appendix lists those calls.
        Assert.Contains("\"securityhub:CreateInsight\": 1", run.Calls, StringComparison.Ordinal);
        Assert.Contains("\"securityhub:DeleteInsight\": 1", run.Calls, StringComparison.Ordinal);
        Assert.Empty(customer.Aws.Insights);
        await fx.CompleteAsync(cleanup.Id, Representative(customer.Company), new { undo = "disable" });
        await fx.TaskAtAsync(applied.ApplicationId, "delete-role");

        Assert.True(customer.Aws.SecurityHubEnabled);
        Assert.Equal([DiagnosisStandardsArn("fsbp")], customer.Aws.EnabledStandards);
    }

    [Theory]
    [InlineData(3_200, 9_870, null, "3,200 / 9,870 findings")]
    [InlineData(3_200, null, null, "3,200 findings")]
    [InlineData(0, 1_850, 5, "0 / 1,850 findings; AWS is throttling, retrying in 5 s")]
    [Trait("Spec", "ACCT-D")]
    public void Progress_ShowsTheTotal_AndTheBackOff(int collected, int? total, int? throttledSeconds, string expected) =>
        Assert.Equal(expected, CollectDiagnosisFindings.Message(collected, total, throttledSeconds is { } s ? TimeSpan.FromSeconds(s) : null));

    private static string DiagnosisStandardsArn(string which) => which == "fsbp"
        ? "arn:aws:securityhub:ap-northeast-1::standards/aws-foundational-security-best-practices/v/1.0.0"
        : "arn:aws:securityhub:ap-northeast-1::standards/cis-aws-foundations-benchmark/v/1.4.0";
}
