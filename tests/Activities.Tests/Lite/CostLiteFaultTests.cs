using System.Diagnostics;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.CostLite;
using CloudpackPlus.Activities.Tests.Support;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.Lite;

/// <summary>COST-L's faults: throttling, cancellation mid-collection, refused apply forms.</summary>
public sealed class CostLiteFaultTests(LiteServicesFixture fx) : IClassFixture<LiteServicesFixture>
{
    [Fact]
    [Trait("Spec", "COST-L")]
    [Trait("Spec", "TOOL-1")]
    public async Task Throttling_BeyondTheTransportRetries_IsWaitedOut_AndCounted()
    {
        var company = await fx.NewCompanyAsync();
        var account = await fx.LinkedAccountAsync(company);
        var applied = await fx.ApplyLiteAsync("COST-L", company, account.AccountId);
        await LiteFlow.HoldMeetingAsync(fx, company, applied.ApplicationId, "kickoff");
        // Two refusals exhaust the transport's two attempts (Aws:Retry:MaxAttempts=2); the third is the activity's own back-off.
        fx.Aws.InjectFault("GetLambdaFunctionRecommendations", 400, "ThrottlingException", times: 3, message: "Rate exceeded", retryAfterSeconds: 1);

        await fx.UntilAsync(() => fx.OpenTaskAsync(applied.ApplicationId, "report-meeting"), LiteFlow.Patience);

        var instance = await fx.InstanceAsync(applied.ApplicationId);
        var summary = CostLiteSummary.FromPlain(PlainValues.ParseObject(instance.Variables)[CostLiteSummary.Variable])!;
        Assert.Equal(1, summary.Throttled);
        Assert.Contains(summary.Calls, c => c is { Action: "compute-optimizer:GetLambdaFunctionRecommendations", Calls: 3 }); // 2 pages + 1 retried round
        Assert.Contains("スロットリングが 1 回", await fx.ReportHtmlAsync(instance.Id, "ja-JP"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "COST-L")]
    public async Task Cancelling_MidCollection_StopsItWithinFiveSeconds()
    {
        var company = await fx.NewCompanyAsync();
        var account = await fx.LinkedAccountAsync(company);
        var applied = await fx.ApplyLiteAsync("COST-L", company, account.AccountId);
        var calls = 0;
        void Count(SimulatedCall call)
        {
            if (call.Operation == "GetEC2InstanceRecommendations")
            {
                Interlocked.Increment(ref calls);
            }
        }

        fx.Aws.CallObserved += Count;
        try
        {
            // AWS keeps throttling Compute Optimizer: the collection sits in its back-off until cancelled.
            fx.Aws.InjectFault("GetEC2InstanceRecommendations", 400, "ThrottlingException", times: 1000, message: "Rate exceeded");
            await LiteFlow.HoldMeetingAsync(fx, company, applied.ApplicationId, "kickoff");
            await fx.UntilAsync(() => Task.FromResult(Volatile.Read(ref calls) >= 3 ? (int?)calls : null), LiteFlow.Patience);

            await fx.CancelAsync(applied.ApplicationId, company.CsmId, "お客様のご都合により中止"); // after the meeting only staff may cancel
            var watch = Stopwatch.StartNew();
            var discarded = await fx.UntilAsync(() => DiscardedAsync(applied.ApplicationId), TimeSpan.FromSeconds(5));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
            Assert.Equal("collect", discarded.NodeId);
            var after = Volatile.Read(ref calls);
            for (var i = 0; i < 10; i++)
            {
                fx.Clock.Advance(TimeSpan.FromSeconds(5));
                await Task.Delay(50);
            }

            Assert.Equal(after, Volatile.Read(ref calls));
            Assert.Equal(ApplicationStatus.Cancelled, (await fx.ApplicationAsync(applied.ApplicationId)).Status);
        }
        finally
        {
            fx.Aws.CallObserved -= Count;
            fx.Aws.ClearFaults();
        }
    }

    [Fact]
    [Trait("Spec", "PRICE-1")]
    [Trait("Spec", "ELIG-3")]
    [Trait("Spec", "COST-L")]
    public async Task ApplyForm_WithoutTheChargesAcknowledgement_OrWithAnUnlinkedAccount_IsRefused()
    {
        var company = await fx.NewCompanyAsync();
        var account = await fx.LinkedAccountAsync(company);
        await using var scope = fx.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ApplicationDesk>();

        var unacknowledged = await Assert.ThrowsAsync<FormRejectedException>(() =>
            desk.ApplyAsync("COST-L", Guid.CreateVersion7(), LiteServicesFixture.LiteForm(account.AccountId, acceptCharges: false), company.RepresentativeId));
        var unlinked = await Assert.ThrowsAsync<FormRejectedException>(() =>
            desk.ApplyAsync("SEC-L", Guid.CreateVersion7(), LiteServicesFixture.LiteForm("123456789012"), company.RepresentativeId));

        Assert.Contains(unacknowledged.Errors, e => e is { Field: "awsCharges", Code: FormErrorCodes.Required });
        Assert.Contains(unlinked.Errors, e => e is { Field: "account", Code: FormErrorCodes.Account });
        Assert.Equal(0, await fx.CoreAsync(db => db.Applications.CountAsync(a => a.CompanyId == company.CompanyId)));
    }

    private async Task<JournalEntry?> DiscardedAsync(Guid applicationId)
    {
        var application = await fx.ApplicationAsync(applicationId);
        await using var scope = fx.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Journal.AsNoTracking()
            .FirstOrDefaultAsync(j => j.InstanceId == application.WorkflowInstanceId && j.Kind == JournalKinds.ActivityResultDiscarded);
    }
}
