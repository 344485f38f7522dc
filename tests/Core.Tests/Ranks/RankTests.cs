using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Core.Tests.Ranks;

public sealed class RankTests(CoreDatabaseFixture database) : CoreServiceTest(database, CoreTestHost.Jst(2025, 9, 1))
{
    [Fact]
    [Trait("Spec", "RANK-1")]
    public async Task RankTable_IsSeededWithTheFiveRanksOfTheSpecification()
    {
        var table = await TestHost.With<RankService, IReadOnlyList<RankDefinition>>(s => s.GetDefinitionsAsync());

        Assert.Equal(
            [(Rank.Platinum, 4, 20), (Rank.Gold, 3, 15), (Rank.Silver, 2, 5), (Rank.Bronze, 0, 2), (Rank.Regular, 0, 0)],
            table.Select(d => (d.Rank, d.BasicProposalsPerYear, d.TicketsPerYear)));
        Assert.Equal(["プラチナ", "ゴールド", "シルバー", "ブロンズ", "レギュラー"], table.Select(d => d.NameJa));
    }

    [Fact]
    [Trait("Spec", "RANK-1")]
    public async Task RankTable_IsEditableData_AndAppliesToLaterGrants()
    {
        var before = await TestHost.With<RankService, RankDefinition>(s => s.GetDefinitionAsync(Rank.Bronze));
        try
        {
            await TestHost.RunAsync(sp => sp.Get<RankService>().UpdateDefinitionAsync(Rank.Bronze, 1, 3, Staff));
            var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Bronze, Staff);

            Assert.Equal(3, await TestHost.With<TicketLedger, int>(l => l.GetBalanceAsync(company)));
            await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.RunAsync(sp => sp.Get<RankService>().UpdateDefinitionAsync(Rank.Bronze, 1, 3, company)));
        }
        finally
        {
            await TestHost.RunAsync(sp => sp.Get<RankService>().UpdateDefinitionAsync(Rank.Bronze, before.BasicProposalsPerYear, before.TicketsPerYear, Staff));
        }
    }

    [Theory]
    [Trait("Spec", "RANK-2")]
    [InlineData(0, Rank.Regular)]
    [InlineData(599_999, Rank.Regular)]
    [InlineData(600_000, Rank.Bronze)]
    [InlineData(3_000_000, Rank.Silver)]
    [InlineData(9_999_999, Rank.Silver)]
    [InlineData(10_000_000, Rank.Gold)]
    [InlineData(30_000_000, Rank.Platinum)]
    public void DefaultThresholds_GiveTheRankOfAnAmount(long amount, Rank expected) =>
        Assert.Equal(expected, RankThresholds.Default.RankFor(amount));

    [Fact]
    [Trait("Spec", "RANK-2")]
    public async Task Rank_IsComputedFromThePreviousCalendarYearsTransactions()
    {
        var company = await TestHost.CreateCompanyAsync();
        await TestHost.With<RankService, int>(async s =>
        {
            await s.RecordTransactionAmountAsync(company, 2023, 50_000_000, Staff);
            await s.RecordTransactionAmountAsync(company, 2024, 4_000_000, Staff);
            await s.RecordTransactionAmountAsync(company, 2025, 12_000_000, Staff);
            return 0;
        });

        var fy2025 = await TestHost.With<RankService, (Rank, long)>(s => s.ComputeAsync(company, new FiscalYear(2025)));
        var fy2026 = await TestHost.With<RankService, (Rank, long)>(s => s.ComputeAsync(company, new FiscalYear(2026)));

        Assert.Equal((Rank.Silver, 4_000_000L), fy2025);
        Assert.Equal((Rank.Gold, 12_000_000L), fy2026);
    }

    [Fact]
    [Trait("Spec", "RANK-2")]
    public async Task Thresholds_AreVersionedPerFiscalYear_AndEditableOnlyByStaffInOrder()
    {
        var before = await TestHost.With<RankService, RankThresholds>(s => s.GetThresholdsAsync(new FiscalYear(2027)));
        await TestHost.With<RankService, RankThresholds>(s => s.SetThresholdsAsync(new FiscalYear(2028), 40_000_000, 20_000_000, 5_000_000, 1_000_000, Staff));

        var fy2027 = await TestHost.With<RankService, RankThresholds>(s => s.GetThresholdsAsync(new FiscalYear(2027)));
        var fy2030 = await TestHost.With<RankService, RankThresholds>(s => s.GetThresholdsAsync(new FiscalYear(2030)));

        Assert.Equal(RankThresholds.Default.GoldMinYen, before.GoldMinYen);
        Assert.Equal(RankThresholds.Default.GoldMinYen, fy2027.GoldMinYen);
        Assert.Equal((2028, 20_000_000L, Staff), (fy2030.FiscalYear, fy2030.GoldMinYen, fy2030.UpdatedBy!.Value));
        await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<RankService, RankThresholds>(s => s.SetThresholdsAsync(new FiscalYear(2029), 1, 2, 3, 4, Staff)));
        var company = await TestHost.CreateCompanyAsync();
        await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<RankService, RankThresholds>(s => s.SetThresholdsAsync(new FiscalYear(2029), 4, 3, 2, 1, company)));
    }

    [Fact]
    [Trait("Spec", "RANK-3")]
    public async Task MidYearEnrolment_GetsItsRankAndTheYearlyGrantAtEnrolment()
    {
        var company = await TestHost.CreateCompanyAsync(null, CloudpackPlus.Core.Companies.ContractType.FixedPricePlan);
        await TestHost.With<RankService, int>(async s =>
        {
            await s.RecordTransactionAmountAsync(company, 2024, 3_500_000, null);
            return 0;
        });

        var assignment = await TestHost.With<CloudpackPlus.Core.Companies.EnrolmentService, RankAssignment>(s => s.EnrolAsync(company, null, null, Staff));

        Assert.Equal((Rank.Silver, RankSource.Enrolment, 2025, 2024, 3_500_000L), (assignment.Rank, assignment.Source, assignment.FiscalYear, assignment.BasisCalendarYear!.Value, assignment.BasisAmountYen!.Value));
        Assert.Equal(5, await TestHost.With<TicketLedger, int>(l => l.GetBalanceAsync(company)));
    }

    [Fact]
    [Trait("Spec", "RANK-3")]
    public async Task Override_NeedsAReasonAndStaff_IsAudited_AndARaiseTopsUpTheTickets()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Silver, Staff);
        await TestHost.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(company, Guid.NewGuid(), 2, "TRAIN-1", null)));

        await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<RankService, RankAssignment>(s => s.OverrideAsync(company, new FiscalYear(2025), Rank.Gold, "", Staff)));
        await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<RankService, RankAssignment>(s => s.OverrideAsync(company, new FiscalYear(2024), Rank.Gold, "遡及", Staff)));
        await TestHost.With<RankService, RankAssignment>(s => s.OverrideAsync(company, new FiscalYear(2025), Rank.Gold, "大型移行案件の受注", Staff));
        await TestHost.With<RankService, RankAssignment>(s => s.OverrideAsync(company, new FiscalYear(2025), Rank.Bronze, "誤りの訂正", Staff));

        var history = await TestHost.With<RankService, IReadOnlyList<RankAssignment>>(s => s.GetHistoryAsync(company));
        Assert.Equal([Rank.Bronze, Rank.Gold, Rank.Silver], history.Select(h => h.Rank));
        Assert.Equal(("誤りの訂正", Staff, RankSource.Override), (history[0].Reason!, history[0].SetBy!.Value, history[0].Source));
        Assert.Equal(Rank.Bronze, await TestHost.With<RankService, Rank>(s => s.GetRankAsync(company, new FiscalYear(2025))));
        // Silver 5 − 2 spent + 10 top-up to Gold's 15; the lowering to Bronze takes nothing back.
        Assert.Equal(13, await TestHost.With<TicketLedger, int>(l => l.GetBalanceAsync(company)));
    }
}
