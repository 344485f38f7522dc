using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.Tests.Basic;

/// <summary>BAS-1..BAS-5 through the services the pages use: the CSM starts a cycle, runs its five steps, the proposal counts when delivered, the work report goes to Backlog or the portal.</summary>
public sealed class BasicCycleWorkflowTests(BasicCycleFixture fx) : IClassFixture<BasicCycleFixture>
{
    private int _codes;

    private Task<EnrolledCompany> CompanyAsync(Rank rank) =>
        ProgrammeSetup.EnrolledCompanyAsync(fx.Services, fx.Clock, $"bas{rank}{Interlocked.Increment(ref _codes)}{Guid.NewGuid():N}"[..20], rank);

    [Fact]
    [Trait("Spec", "BAS-2")]
    [Trait("Spec", "BAS-3")]
    [Trait("Spec", "BAS-4")]
    [Trait("Spec", "BAS-1")]
    public async Task Cycle_RunsEveryStep_CountsWhenTheProposalIsDelivered_AndPostsTheReportToTheAccountsBacklog()
    {
        var company = await CompanyAsync(Rank.Silver);
        var account = await fx.LinkAsync(company.CompanyId, company.CsmId, "111122223333", "OPS");
        var id = await fx.StartAsync(company.CompanyId, company.CsmId, "EC2の適正化");

        // BAS-2: started by the CSM; the representative is told through the portal; the cycle holds a proposal but is not counted yet.
        Assert.Equal((2, 0, 1, 1), await Counts(company.CompanyId));
        Assert.True(await fx.CoreAsync(db => db.Notifications.AnyAsync(n => n.RecipientId == company.RepresentativeId && n.Link == $"/Basic/{id}")));

        // BAS-3: hearing (business hours, HOURS-1) → investigation → proposal.
        var offHours = await fx.DoAsync(id, "hearing", company.CsmId, new { meetingAt = "2026-05-13T20:00:00+09:00", attendees = "A", notes = "B" });
        Assert.Equal(FormErrorCodes.BusinessHours, Assert.Single(offHours.FormErrors).Code);
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.DoAsync(id, "hearing", company.CsmId, BasicCycleFixture.Hearing)).Outcome);
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.DoAsync(id, "investigation", company.CsmId, new { findings = "t3.large が常時5%未満" })).Outcome);
        Assert.Equal((2, 0, 1, 1), await Counts(company.CompanyId));
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.DoAsync(id, "proposal", company.CsmId, new { proposal = "t3.medium へ変更", outOfScope = true })).Outcome);

        // Delivered: counted as one proposal of the FY.
        var cycle = await fx.CycleAsync(id);
        Assert.Equal(BasicCycleStatus.Delivered, cycle.Status);
        Assert.Equal("t3.medium へ変更", cycle.Proposal);
        Assert.Equal((2, 1, 0, 1), await Counts(company.CompanyId));

        // BAS-4: the improvement work on an account under a maintenance contract is reported in its Backlog project.
        var improvement = await fx.TaskAtAsync(id, "improvement");
        Assert.Contains("111122223333", improvement.FormSchema, StringComparison.Ordinal);
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.DoAsync(id, "improvement", company.CsmId, new { account = "111122223333", report = "インスタンスタイプを変更しました" })).Outcome);
        await fx.TaskAtAsync(id, "measurement");
        var issue = Assert.Single(fx.Backlog.Issues);
        Assert.Equal(("7", "102", "インスタンスタイプを変更しました"), (issue["projectId"], issue["issueTypeId"], issue["description"]));
        Assert.Contains("EC2の適正化", issue["summary"], StringComparison.Ordinal);
        Assert.Equal(0, fx.Backlog.Refused);
        cycle = await fx.CycleAsync(id);
        Assert.Equal(("OPS-1", account.Id), (cycle.BacklogIssueKey, cycle.AwsAccountId!.Value));

        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.DoAsync(id, "measurement", company.CsmId, new { effect = "月額 12% 削減" })).Outcome);
        cycle = await fx.CycleAsync(id);
        Assert.Equal((BasicCycleStatus.Completed, "月額 12% 削減"), (cycle.Status, cycle.Effect));
        Assert.Equal((2, 1, 0, 1), await Counts(company.CompanyId));
    }

    [Fact]
    [Trait("Spec", "BAS-4")]
    public async Task WorkReport_WithoutAMaintenanceContract_IsDeliveredInThePortal_NotInBacklog()
    {
        var company = await CompanyAsync(Rank.Gold);
        await fx.LinkAsync(company.CompanyId, company.CsmId, "444455556666", null);
        var id = await fx.StartAsync(company.CompanyId, company.CsmId);
        await fx.DoAsync(id, "hearing", company.CsmId, BasicCycleFixture.Hearing);
        await fx.DoAsync(id, "investigation", company.CsmId, new { findings = "F" });
        await fx.DoAsync(id, "proposal", company.CsmId, new { proposal = "P" });
        var before = fx.Backlog.Issues.Count;

        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.DoAsync(id, "improvement", company.CsmId, new { account = "444455556666", report = "S3ライフサイクルを設定" })).Outcome);
        await fx.TaskAtAsync(id, "measurement");

        var cycle = await fx.CycleAsync(id);
        Assert.Equal(("S3ライフサイクルを設定", (string?)null), (cycle.WorkReport, cycle.BacklogIssueKey));
        Assert.NotNull(cycle.ReportedAt);
        Assert.Equal(before, fx.Backlog.Issues.Count);
        Assert.True(await fx.CoreAsync(db => db.Notifications.AnyAsync(n => n.RecipientId == company.RepresentativeId && n.Kind == "basic-work-report")));
    }

    [Fact]
    [Trait("Spec", "BAS-1")]
    [Trait("Spec", "BAS-5")]
    public async Task Start_IsRefusedWithTheReason_BelowSilver_AndWhenTheYearsProposalsAreTaken_AndNothingStarts()
    {
        var bronze = await CompanyAsync(Rank.Bronze);
        var belowSilver = await Assert.ThrowsAsync<BasicServiceUnavailableException>(() => fx.StartAsync(bronze.CompanyId, bronze.CsmId));
        Assert.Contains("シルバーランク以上", belowSilver.Message, StringComparison.Ordinal);
        Assert.Contains("お問い合わせ", belowSilver.Message, StringComparison.Ordinal);

        var silver = await CompanyAsync(Rank.Silver);
        await fx.StartAsync(silver.CompanyId, silver.CsmId, "一件目");
        await fx.StartAsync(silver.CompanyId, silver.CsmId, "二件目");
        var usedUp = await Assert.ThrowsAsync<BasicServiceUnavailableException>(() => fx.StartAsync(silver.CompanyId, silver.CsmId, "三件目"));
        Assert.Contains("チケット", usedUp.Message, StringComparison.Ordinal);
        var gold = await CompanyAsync(Rank.Gold);
        Assert.Equal("basic_title", (await Assert.ThrowsAsync<ProgrammeRuleException>(() => fx.StartAsync(gold.CompanyId, gold.CsmId, " "))).Code);

        var titles = await fx.CoreAsync(db => db.BasicServiceProposals.AsNoTracking().Where(p => p.CompanyId == silver.CompanyId || p.CompanyId == bronze.CompanyId || p.CompanyId == gold.CompanyId).Select(p => p.Title).ToListAsync());
        Assert.Equal(["一件目", "二件目"], titles.Order());
        Assert.False(await fx.CoreAsync(db => db.Notifications.AnyAsync(n => n.RecipientId == bronze.RepresentativeId && n.Kind == "basic-started")));
    }

    private async Task<(int Allowed, int Used, int InProgress, int Remaining)> Counts(Guid companyId)
    {
        var a = await fx.AllowanceAsync(companyId);
        return (a.Allowed, a.Used, a.InProgress, a.Remaining);
    }
}
