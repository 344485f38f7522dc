using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.FiscalYears;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Core.Tests.FiscalYears;

/// <summary>The rollover touches every company of a database, so each test has its own.</summary>
public sealed class FiscalYearRolloverTests : OwnDatabaseTest
{
    private static readonly FiscalYear Fy2025 = new(2025);
    private static readonly FiscalYear Fy2026 = new(2026);
    private Task<RolloverOutcome> Run(string trigger = "schedule") => Host.With<FiscalYearRolloverService, RolloverOutcome>(s => s.RunAsync(trigger));

    private Task<int> Balance(Guid company, FiscalYear year) => Host.With<TicketLedger, int>(l => l.GetBalanceAsync(company, year));

    [Fact]
    [Trait("Spec", "RANK-2")]
    [Trait("Spec", "TKT-1")]
    [Trait("Spec", "TKT-2")]
    [Trait("Spec", "BAS-1")]
    public async Task AFullFiscalYear_GrantSpendLapseAndTheNewYearsGrant()
    {
        var first = await Run();
        var gold = await Host.CreateEnrolledCompanyAsync(Rank.Gold, Admin);
        var silver = await Host.CreateEnrolledCompanyAsync(Rank.Silver, Admin);
        var bronze = await Host.CreateEnrolledCompanyAsync(Rank.Bronze, Admin);
        await Host.With<RankService, int>(async s =>
        {
            await s.RecordTransactionAmountAsync(gold, 2025, 35_000_000, Admin);
            await s.RecordTransactionAmountAsync(bronze, 2025, 700_000, Admin);
            return 0;
        });

        // During FY2025: spends, a held application, a proposal; a raise for FY2026 decided in March.
        var consulting = await Host.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(gold, Guid.NewGuid(), 10, "COST-C", null)));
        await Host.With<TicketLedger, TicketReservation>(l => l.ConfirmAsync(consulting.Id));
        var held = await Host.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(gold, Guid.NewGuid(), 2, "TRAIN-1", null)));
        await Host.With<BasicServiceAllowanceService, BasicServiceProposal>(s => s.StartProposalAsync(gold, "RI 提案", Admin));
        Host.MoveTo(CoreTestHost.Jst(2026, 3, 10));
        await Host.With<RankService, RankAssignment>(s => s.OverrideAsync(bronze, Fy2026, Rank.Gold, "新規大型契約", Admin));

        Host.MoveTo(CoreTestHost.Jst(2026, 3, 31, 23, 59));
        var beforeMidnight = await Run();
        Assert.Equal(3, await Balance(gold, Fy2025));

        Host.MoveTo(CoreTestHost.Jst(2026, 4, 1, 0, 0));
        var rollover = await Run();
        var ledgerRows = await Database.ScalarAsync<long>("SELECT count(*) FROM core.ticket_ledger");
        var again = await Run("catch-up");

        Assert.Equal((Fy2025, false), (first.FiscalYear, first.AlreadyDone));
        Assert.True(beforeMidnight.AlreadyDone);
        Assert.Equal((Fy2026, false, 3), (rollover.FiscalYear, rollover.AlreadyDone, rollover.CompaniesRolled));
        Assert.True(again.AlreadyDone);
        Assert.Equal(ledgerRows, await Database.ScalarAsync<long>("SELECT count(*) FROM core.ticket_ledger"));

        // TKT-2: nothing carries over; TKT-1/RANK-2: the new rank's grant.
        int[] lastYear = [await Balance(gold, Fy2025), await Balance(silver, Fy2025), await Balance(bronze, Fy2025)];
        Assert.Equal([0, 0, 0], lastYear);
        Assert.Equal(20, await Balance(gold, Fy2026));   // 2025: ¥35M → Platinum
        Assert.Equal(0, await Balance(silver, Fy2026));  // no 2025 transactions → Regular
        Assert.Equal(15, await Balance(bronze, Fy2026)); // the override for FY2026 is kept
        Assert.Equal(Rank.Platinum, await Host.With<RankService, Rank>(s => s.GetRankAsync(gold, Fy2026)));
        var history = await Host.With<TicketLedger, IReadOnlyList<TicketHistoryLine>>(l => l.GetHistoryAsync(gold, Fy2025));
        Assert.Equal([TicketEntryKind.Grant, TicketEntryKind.Spend, TicketEntryKind.Spend, TicketEntryKind.Lapse], history.Select(h => h.Kind));
        Assert.Equal(-3, history[^1].Amount);

        // The basic-service count starts again.
        var allowance = await Host.With<BasicServiceAllowanceService, BasicServiceAllowance>(s => s.GetAsync(gold, Fy2026));
        Assert.Equal((4, 0), (allowance.Allowed, allowance.Used));

        // Staff see what happened per company.
        var results = await Host.With<FiscalYearRolloverService, IReadOnlyList<RolloverCompanyResult>>(s => s.GetResultsAsync(Fy2026));
        var goldResult = results.Single(r => r.CompanyId == gold);
        Assert.Equal((Rank.Gold, Rank.Platinum, 35_000_000L, 3, 20, 4), (goldResult.PreviousRank!.Value, goldResult.NewRank!.Value, goldResult.BasisAmountYen!.Value, goldResult.LapsedTickets, goldResult.GrantedTickets, goldResult.BasicProposalsAllowed));
        var run = (await Host.With<FiscalYearRolloverService, IReadOnlyList<RolloverRun>>(s => s.GetRunsAsync()))[0];
        Assert.Equal((2026, CoreTestHost.Jst(2026, 4, 1, 0, 0), 3), (run.FiscalYear, run.CompletedAt!.Value, run.CompaniesProcessed));

        // A refund of last year's held application after the lapse lapses at once.
        await Host.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(held.Id, TicketReleaseCause.Rejected, "対応不可", Admin));
        Assert.Equal(0, await Balance(gold, Fy2025));
        Assert.Equal(20, await Balance(gold, Fy2026));
    }

    [Fact]
    [Trait("Spec", "TKT-2")]
    [Trait("Spec", "ELIG-4")]
    public async Task SuspendedCompany_LosesLastYearsTickets_AndGetsNoNewGrant()
    {
        var company = await Host.CreateCompanyAsync();
        var contract = await Host.With<EnrolmentService, Contract>(s => s.RecordContractAsync(company, ContractType.BillingAgency, new DateOnly(2024, 1, 1), null, Admin));
        await Host.With<EnrolmentService, RankAssignment>(s => s.EnrolAsync(company, Rank.Gold, null, Admin));
        await Host.RunAsync(sp => sp.Get<EnrolmentService>().EndContractAsync(contract.Id, new DateOnly(2025, 12, 31), Admin));
        Host.MoveTo(CoreTestHost.Jst(2026, 1, 5));
        await Host.With<EnrolmentService, IReadOnlyList<Guid>>(s => s.SuspendLapsedCompaniesAsync());

        Host.MoveTo(CoreTestHost.Jst(2026, 4, 1, 0, 0));
        await Run();

        Assert.Equal(0, await Balance(company, Fy2025));
        Assert.Equal(0, await Balance(company, Fy2026));
        var result = Assert.Single(await Host.With<FiscalYearRolloverService, IReadOnlyList<RolloverCompanyResult>>(s => s.GetResultsAsync(Fy2026)));
        Assert.Equal((15, 0, (Rank?)null), (result.LapsedTickets, result.GrantedTickets, result.NewRank));
    }

    [Fact]
    [Trait("Spec", "TKT-1")]
    [Trait("Spec", "RANK-2")]
    public async Task Rollover_CatchesUpAfterDowntime_AndConcurrentRunsGrantOnce()
    {
        var company = await Host.CreateEnrolledCompanyAsync(Rank.Silver, Admin);
        await Host.With<RankService, int>(async s =>
        {
            await s.RecordTransactionAmountAsync(company, 2025, 12_000_000, Admin);
            return 0;
        });

        Host.MoveTo(CoreTestHost.Jst(2026, 4, 20, 8, 0)); // the host was down on 1 April
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Run("catch-up"))));

        Assert.Contains(runs, r => r.FiscalYear == Fy2026);
        Assert.Equal(15, await Balance(company, Fy2026));
        Assert.Equal(0, await Balance(company, Fy2025));
        Assert.True(await Host.With<FiscalYearRolloverService, bool>(s => s.IsDoneAsync(Fy2026)));
        Assert.Equal(1L, await Database.ScalarAsync<long>($"SELECT count(*) FROM core.ticket_ledger WHERE company_id = '{company}' AND fiscal_year = 2026 AND kind = 'Grant'"));
    }
}
