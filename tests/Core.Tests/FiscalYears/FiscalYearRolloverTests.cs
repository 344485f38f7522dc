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
public sealed class FiscalYearRolloverTests : IAsyncLifetime
{
    private static readonly FiscalYear Fy2025 = new(2025);
    private static readonly FiscalYear Fy2026 = new(2026);
    private readonly CoreDatabaseFixture _database = new();
    private CoreTestHost _host = null!;
    private Guid _admin;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = new CoreTestHost(_database, CoreTestHost.Jst(2025, 6, 2));
        _admin = await _host.CreateStaffAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Task<RolloverOutcome> Run(string trigger = "schedule") => _host.With<FiscalYearRolloverService, RolloverOutcome>(s => s.RunAsync(trigger));

    private Task<int> Balance(Guid company, FiscalYear year) => _host.With<TicketLedger, int>(l => l.GetBalanceAsync(company, year));

    [Fact]
    [Trait("Spec", "RANK-2")]
    [Trait("Spec", "TKT-1")]
    [Trait("Spec", "TKT-2")]
    [Trait("Spec", "BAS-1")]
    public async Task AFullFiscalYear_GrantSpendLapseAndTheNewYearsGrant()
    {
        var first = await Run();
        var gold = await _host.CreateEnrolledCompanyAsync(Rank.Gold, _admin);
        var silver = await _host.CreateEnrolledCompanyAsync(Rank.Silver, _admin);
        var bronze = await _host.CreateEnrolledCompanyAsync(Rank.Bronze, _admin);
        await _host.With<RankService, int>(async s =>
        {
            await s.RecordTransactionAmountAsync(gold, 2025, 35_000_000, _admin);
            await s.RecordTransactionAmountAsync(bronze, 2025, 700_000, _admin);
            return 0;
        });

        // During FY2025: spends, a held application, a proposal; a raise for FY2026 decided in March.
        var consulting = await _host.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(gold, Guid.NewGuid(), 10, "COST-C", null)));
        await _host.With<TicketLedger, TicketReservation>(l => l.ConfirmAsync(consulting.Id));
        var held = await _host.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(gold, Guid.NewGuid(), 2, "TRAIN-1", null)));
        await _host.With<BasicServiceAllowanceService, BasicServiceProposal>(s => s.StartProposalAsync(gold, "RI 提案", _admin));
        _host.MoveTo(CoreTestHost.Jst(2026, 3, 10));
        await _host.With<RankService, RankAssignment>(s => s.OverrideAsync(bronze, Fy2026, Rank.Gold, "新規大型契約", _admin));

        _host.MoveTo(CoreTestHost.Jst(2026, 3, 31, 23, 59));
        var beforeMidnight = await Run();
        Assert.Equal(3, await Balance(gold, Fy2025));

        _host.MoveTo(CoreTestHost.Jst(2026, 4, 1, 0, 0));
        var rollover = await Run();
        var ledgerRows = await _database.ScalarAsync<long>("SELECT count(*) FROM core.ticket_ledger");
        var again = await Run("catch-up");

        Assert.Equal((Fy2025, false), (first.FiscalYear, first.AlreadyDone));
        Assert.True(beforeMidnight.AlreadyDone);
        Assert.Equal((Fy2026, false, 3), (rollover.FiscalYear, rollover.AlreadyDone, rollover.CompaniesRolled));
        Assert.True(again.AlreadyDone);
        Assert.Equal(ledgerRows, await _database.ScalarAsync<long>("SELECT count(*) FROM core.ticket_ledger"));

        // TKT-2: nothing carries over; TKT-1/RANK-2: the new rank's grant.
        int[] lastYear = [await Balance(gold, Fy2025), await Balance(silver, Fy2025), await Balance(bronze, Fy2025)];
        Assert.Equal([0, 0, 0], lastYear);
        Assert.Equal(20, await Balance(gold, Fy2026));   // 2025: ¥35M → Platinum
        Assert.Equal(0, await Balance(silver, Fy2026));  // no 2025 transactions → Regular
        Assert.Equal(15, await Balance(bronze, Fy2026)); // the override for FY2026 is kept
        Assert.Equal(Rank.Platinum, await _host.With<RankService, Rank>(s => s.GetRankAsync(gold, Fy2026)));
        var history = await _host.With<TicketLedger, IReadOnlyList<TicketHistoryLine>>(l => l.GetHistoryAsync(gold, Fy2025));
        Assert.Equal([TicketEntryKind.Grant, TicketEntryKind.Spend, TicketEntryKind.Spend, TicketEntryKind.Lapse], history.Select(h => h.Kind));
        Assert.Equal(-3, history[^1].Amount);

        // The basic-service count starts again.
        var allowance = await _host.With<BasicServiceAllowanceService, BasicServiceAllowance>(s => s.GetAsync(gold, Fy2026));
        Assert.Equal((4, 0), (allowance.Allowed, allowance.Used));

        // Staff see what happened per company.
        var results = await _host.With<FiscalYearRolloverService, IReadOnlyList<RolloverCompanyResult>>(s => s.GetResultsAsync(Fy2026));
        var goldResult = results.Single(r => r.CompanyId == gold);
        Assert.Equal((Rank.Gold, Rank.Platinum, 35_000_000L, 3, 20, 4), (goldResult.PreviousRank!.Value, goldResult.NewRank!.Value, goldResult.BasisAmountYen!.Value, goldResult.LapsedTickets, goldResult.GrantedTickets, goldResult.BasicProposalsAllowed));
        var run = (await _host.With<FiscalYearRolloverService, IReadOnlyList<RolloverRun>>(s => s.GetRunsAsync()))[0];
        Assert.Equal((2026, CoreTestHost.Jst(2026, 4, 1, 0, 0), 3), (run.FiscalYear, run.CompletedAt!.Value, run.CompaniesProcessed));

        // A refund of last year's held application after the lapse lapses at once.
        await _host.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(held.Id, TicketReleaseCause.Rejected, "対応不可", _admin));
        Assert.Equal(0, await Balance(gold, Fy2025));
        Assert.Equal(20, await Balance(gold, Fy2026));
    }

    [Fact]
    [Trait("Spec", "TKT-2")]
    [Trait("Spec", "ELIG-4")]
    public async Task SuspendedCompany_LosesLastYearsTickets_AndGetsNoNewGrant()
    {
        var company = await _host.CreateCompanyAsync();
        var contract = await _host.With<EnrolmentService, Contract>(s => s.RecordContractAsync(company, ContractType.BillingAgency, new DateOnly(2024, 1, 1), null, _admin));
        await _host.With<EnrolmentService, RankAssignment>(s => s.EnrolAsync(company, Rank.Gold, null, _admin));
        await _host.RunAsync(sp => sp.Get<EnrolmentService>().EndContractAsync(contract.Id, new DateOnly(2025, 12, 31), _admin));
        _host.MoveTo(CoreTestHost.Jst(2026, 1, 5));
        await _host.With<EnrolmentService, IReadOnlyList<Guid>>(s => s.SuspendLapsedCompaniesAsync());

        _host.MoveTo(CoreTestHost.Jst(2026, 4, 1, 0, 0));
        await Run();

        Assert.Equal(0, await Balance(company, Fy2025));
        Assert.Equal(0, await Balance(company, Fy2026));
        var result = Assert.Single(await _host.With<FiscalYearRolloverService, IReadOnlyList<RolloverCompanyResult>>(s => s.GetResultsAsync(Fy2026)));
        Assert.Equal((15, 0, (Rank?)null), (result.LapsedTickets, result.GrantedTickets, result.NewRank));
    }

    [Fact]
    [Trait("Spec", "TKT-1")]
    [Trait("Spec", "RANK-2")]
    public async Task Rollover_CatchesUpAfterDowntime_AndConcurrentRunsGrantOnce()
    {
        var company = await _host.CreateEnrolledCompanyAsync(Rank.Silver, _admin);
        await _host.With<RankService, int>(async s =>
        {
            await s.RecordTransactionAmountAsync(company, 2025, 12_000_000, _admin);
            return 0;
        });

        _host.MoveTo(CoreTestHost.Jst(2026, 4, 20, 8, 0)); // the host was down on 1 April
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Run("catch-up"))));

        Assert.Contains(runs, r => r.FiscalYear == Fy2026);
        Assert.Equal(15, await Balance(company, Fy2026));
        Assert.Equal(0, await Balance(company, Fy2025));
        Assert.True(await _host.With<FiscalYearRolloverService, bool>(s => s.IsDoneAsync(Fy2026)));
        Assert.Equal(1L, await _database.ScalarAsync<long>($"SELECT count(*) FROM core.ticket_ledger WHERE company_id = '{company}' AND fiscal_year = 2026 AND kind = 'Grant'"));
    }
}
