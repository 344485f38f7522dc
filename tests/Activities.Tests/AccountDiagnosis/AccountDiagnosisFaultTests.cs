using System.Diagnostics;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Testing;
using CloudpackPlus.Workflows.Background;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CloudpackPlus.Activities.Tests.AccountDiagnosis.AccountDiagnosisFixture;

namespace CloudpackPlus.Activities.Tests.AccountDiagnosis;

/// <summary>ACCT-D under AWS faults: AccessDenied mid-run, a deleted role, throttling, cancellation; and the apply form's refusals.</summary>
public sealed class AccountDiagnosisFaultTests(AccountDiagnosisFixture fx) : IClassFixture<AccountDiagnosisFixture>
{
    private const string Role = "CloudpackPlusDiagnosis";

    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task AccessDenied_MidRun_BecomesACustomerTaskNamingThePermission_AndTheCollectionResumes()
    {
        var (customer, applicationId) = await UpToTheSettleWaitAsync(findings: 400);
        customer.Aws.WithoutPermission(Role, "securityhub:GetFindings");

        await fx.FireTimerAsync(applicationId);

        var grant = await fx.TaskAtAsync(applicationId, "grant-collect");
        Assert.Contains("securityhub:GetFindings", grant.Title, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.InProgress, (await fx.ApplicationAsync(applicationId)).Status); // not a failed application
        customer.Aws.Roles[Role].Permissions.Add("securityhub:GetFindings");
        await fx.CompleteAsync(grant.Id, Representative(customer.Company), new { granted = true });

        await fx.TaskAtAsync(applicationId, "cleanup");
        Assert.Equal(400, (await fx.RunAsync(applicationId))!.FindingsCollected);
    }

    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task RoleDeleted_MidRun_IsAnIncidentForStaff_AndARetryFinishesOnceTheRoleIsBack()
    {
        var (customer, applicationId) = await UpToTheSettleWaitAsync(findings: 250);
        var externalId = customer.Aws.Roles[Role].ExternalId;
        customer.Aws.DeleteRole(Role);

        await fx.FireTimerAsync(applicationId);
        var instance = await fx.InstanceAsync(applicationId);
        Incident? incident = null;
        Assert.True(await Eventually.WaitAsync(async () =>
        {
            await fx.RunDueJobsAsync(applicationId, TimeSpan.FromMinutes(5)); // the node's retries, after their backoff
            await using var scope = fx.Services.CreateAsyncScope();
            incident = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Incidents.AsNoTracking()
                .SingleOrDefaultAsync(i => i.InstanceId == instance && i.ResolvedAt == null);
            return incident is not null;
        }, TimeSpan.FromSeconds(90)));
        Assert.Equal("collect", incident!.NodeId);
        Assert.Equal(3, incident.Attempts);
        Assert.Contains(Role, incident.Error, StringComparison.Ordinal);

        customer.Aws.DeletedRoles.Remove(Role);
        customer.Aws.WithRole(Role, externalId, AwsRolePurpose.Diagnosis);
        await using (var scope = fx.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().RetryIncidentAsync(incident.Id, customer.Company.CsmId.ToString()));
        }

        await fx.TaskAtAsync(applicationId, "cleanup");
        Assert.Equal(250, (await fx.RunAsync(applicationId))!.FindingsCollected);
    }

    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task Throttling_WaitsAsAwsAsks_ShowsInTheProgress_AndCountsEveryFindingOnce()
    {
        var (customer, applicationId) = await UpToTheSettleWaitAsync(findings: 700);
        fx.Aws.InjectThrottling("GetFindings", times: 2, retryAfterSeconds: 30);

        await fx.FireTimerAsync(applicationId);
        var instance = await fx.InstanceAsync(applicationId);
        string? shown = null;
        Assert.True(await Eventually.WaitAsync(async () =>
        {
            fx.Clock.Advance(TimeSpan.FromSeconds(1)); // the lease keeper writes the progress once a second
            await using var scope = fx.Services.CreateAsyncScope();
            shown = (await scope.ServiceProvider.GetRequiredService<IRunningActivities>().ListAsync(instance)).SingleOrDefault()?.Progress?.Message;
            return shown?.Contains("throttling", StringComparison.Ordinal) == true;
        }));
        Assert.Contains("retrying in 30 s", shown, StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            fx.Clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(500);
        }

        await fx.TaskAtAsync(applicationId, "cleanup");
        var run = (await fx.RunAsync(applicationId))!;
        Assert.Equal((700, 2), (run.FindingsCollected, run.Throttled));
        Assert.Equal(700, (await fx.ControlsAsync(applicationId)).Sum(c => c.Failed + c.Passed + c.Other));
    }

    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task Cancellation_StopsTheCollectionWithinFiveSeconds()
    {
        var (customer, applicationId) = await UpToTheSettleWaitAsync(findings: 100_000);

        await fx.FireTimerAsync(applicationId);
        Assert.True(await Eventually.WaitAsync(async () => (await fx.RunAsync(applicationId))?.Pages > 3));
        var cancelled = Stopwatch.StartNew();
        await using (var scope = fx.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().CancelAsync(applicationId, customer.Company.CsmId, "お客様のご依頼により中止");
        }

        var pages = -1;
        Assert.True(await Eventually.WaitAsync(async () =>
        {
            fx.Clock.Advance(TimeSpan.FromSeconds(1)); // the lease keeper checks the instance once a second
            var now = (await fx.RunAsync(applicationId))!.Pages;
            var stable = now == pages;
            pages = now;
            if (!stable)
            {
                await Task.Delay(700); // stopped = no page written for 0.7 s
            }

            return stable;
        }, TimeSpan.FromSeconds(5)));
        Assert.True(cancelled.Elapsed < TimeSpan.FromSeconds(5), $"still collecting after {cancelled.Elapsed}");
        var run = (await fx.RunAsync(applicationId))!;
        Assert.Null(run.CollectedAt);
        Assert.True(run.FindingsCollected < 100_000);
        Assert.Equal(ApplicationStatus.Cancelled, (await fx.ApplicationAsync(applicationId)).Status);
    }

    [Fact]
    [Trait("Spec", "ELIG-3")]
    [Trait("Spec", "ACCT-1")]
    public async Task ApplyForm_RefusesAnUnlinkedAccount_AndAMissingChargesAcknowledgement()
    {
        var customer = await fx.NewCustomerAsync();
        var other = await fx.NewCustomerAsync();

        var unlinked = await Assert.ThrowsAsync<FormRejectedException>(() => fx.ApplyAsync(customer, Form("123456789012")));
        var othersAccount = await Assert.ThrowsAsync<FormRejectedException>(() => fx.ApplyAsync(customer, Form(other.AccountId)));
        var notAcknowledged = await Assert.ThrowsAsync<FormRejectedException>(() => fx.ApplyAsync(customer, Form(customer.AccountId, acknowledged: false)));

        Assert.Equal([("account", FormErrorCodes.Account)], unlinked.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal([("account", FormErrorCodes.Account)], othersAccount.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal([("chargesAcknowledged", FormErrorCodes.Required)], notAcknowledged.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(0, await fx.ApplicationCountAsync(customer.Company.CompanyId));
    }

    /// <summary>Applies, creates the role (auto-provisioned by the simulated AWS), and waits until the settle timer is set.</summary>
    private async Task<(DiagnosisCustomer Customer, Guid ApplicationId)> UpToTheSettleWaitAsync(int findings)
    {
        var customer = await fx.NewCustomerAsync(findings);
        var applied = await fx.ApplyAsync(customer);
        await fx.CompleteAsync((await fx.TaskAtAsync(applied.ApplicationId, "create-role")).Id, Representative(customer.Company), new { created = true });
        Assert.True(await Eventually.WaitAsync(async () => (await fx.RunAsync(applied.ApplicationId)) is not null && customer.Aws.SecurityHubEnabled
            && await fx.HasOpenTimerAsync(applied.ApplicationId)));
        return (customer, applied.ApplicationId);
    }
}
