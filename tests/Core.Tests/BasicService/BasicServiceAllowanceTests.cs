using Microsoft.Extensions.DependencyInjection;
using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Core.Tests.BasicService;

public sealed class BasicServiceAllowanceTests(CoreDatabaseFixture database) : CoreServiceTest(database, CoreTestHost.Jst(2025, 6, 2), PersonRole.Csm)
{
    private Task<BasicServiceProposal> Start(Guid company) =>
        TestHost.With<BasicServiceAllowanceService, BasicServiceProposal>(s => s.StartProposalAsync(company, "コスト見直し", Staff));

    [Theory]
    [Trait("Spec", "BAS-1")]
    [InlineData(Rank.Platinum, 4)]
    [InlineData(Rank.Gold, 3)]
    [InlineData(Rank.Silver, 2)]
    [InlineData(Rank.Bronze, 0)]
    [InlineData(Rank.Regular, 0)]
    public async Task Allowance_IsTheRanksYearlyProposals_SilverAndAboveOnly(Rank rank, int allowed)
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(rank, Staff);

        var allowance = await TestHost.With<BasicServiceAllowanceService, BasicServiceAllowance>(s => s.GetAsync(company, new FiscalYear(2025)));

        Assert.Equal((allowed, 0, allowed), (allowance.Allowed, allowance.Used, allowance.Remaining));
        Assert.Equal(rank >= Rank.Silver, allowance.RankQualifies);
    }

    [Fact]
    [Trait("Spec", "BAS-1")]
    public async Task Proposal_IsRefused_BelowSilver()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Bronze, Staff);

        var error = await Assert.ThrowsAsync<BasicServiceUnavailableException>(() => Start(company));

        Assert.Contains("シルバーランク以上", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "BAS-5")]
    public async Task Proposal_IsRefused_WhenTheCountIsUsedUp_PointingToAnInquiryOrTickets()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Silver, Staff);
        await Start(company);
        await Start(company);

        var error = await Assert.ThrowsAsync<BasicServiceUnavailableException>(() => Start(company));

        // Two cycles in progress hold both proposals (they count as used once delivered, BAS-3).
        Assert.Equal((2, 0, 2, 0), (error.Allowance.Allowed, error.Allowance.Used, error.Allowance.InProgress, error.Allowance.Remaining));
        Assert.Contains("お問い合わせ", error.Message, StringComparison.Ordinal);
        Assert.Contains("チケット", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "BAS-1")]
    public async Task ParallelProposals_NeverExceedTheAllowance()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Gold, Staff);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Start(company);
                return true;
            }
            catch (BasicServiceUnavailableException)
            {
                return false;
            }
        })));

        Assert.Equal(3, results.Count(ok => ok));
    }

    [Fact]
    [Trait("Spec", "BAS-3")]
    [Trait("Spec", "BAS-1")]
    public async Task Proposal_CountsAsUsed_WhenDelivered_Once()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Silver, Staff);
        var cycle = await Start(company);

        await TestHost.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<CloudpackPlus.Core.Data.CoreDbContext>();
            await BasicServiceAllowanceService.MarkDeliveredAsync(db, cycle.Id, "提案", CoreTestHost.Jst(2025, 6, 3), default);
            await BasicServiceAllowanceService.MarkDeliveredAsync(db, cycle.Id, "二度目", CoreTestHost.Jst(2025, 6, 4), default);
            await db.SaveChangesAsync();
        });

        var allowance = await TestHost.With<BasicServiceAllowanceService, BasicServiceAllowance>(s => s.GetAsync(company, new FiscalYear(2025)));
        Assert.Equal((2, 1, 0, 1), (allowance.Allowed, allowance.Used, allowance.InProgress, allowance.Remaining));
    }
}
