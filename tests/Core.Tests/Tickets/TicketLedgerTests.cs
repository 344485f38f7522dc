using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudpackPlus.Core.Tests.Tickets;

public sealed class TicketLedgerTests(CoreDatabaseFixture database) : CoreServiceTest(database, CoreTestHost.Jst(2025, 6, 2))
{
    private static readonly FiscalYear Fy2025 = new(2025);
    private Task<TicketReservation> Reserve(Guid company, int cost, string? service = "COST-L", Guid? application = null) =>
        TestHost.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(company, application ?? Guid.NewGuid(), cost, service, null)));

    private Task<int> Balance(Guid company) => TestHost.With<TicketLedger, int>(l => l.GetBalanceAsync(company, Fy2025));

    [Fact]
    [Trait("Spec", "TKT-3")]
    [Trait("Spec", "TKT-4")]
    public async Task Reserve_SpendsTheCost_AndTheBalanceIsTheSumOfTheLedger()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Gold, Staff);

        await Reserve(company, 5);

        Assert.Equal(10, await Balance(company));
        var sum = await Database.ScalarAsync<long>($"SELECT sum(amount) FROM core.ticket_ledger WHERE company_id = '{company}' AND fiscal_year = 2025");
        Assert.Equal(10, sum);
    }

    [Fact]
    [Trait("Spec", "TKT-3")]
    public async Task Reserve_IsRefused_WhenBalanceIsShort_WithTheBalanceAndTheCost()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Silver, Staff);
        await Reserve(company, 2);

        var error = await Assert.ThrowsAsync<InsufficientTicketsException>(() => Reserve(company, 5, "SEC-L"));

        Assert.Equal(3, error.Balance);
        Assert.Equal(5, error.Cost);
        Assert.Contains("残り 3 枚、必要 5 枚", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, await Balance(company));
    }

    [Fact]
    [Trait("Spec", "TKT-3")]
    public async Task Reserve_IsIdempotentPerApplication()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Gold, Staff);
        var application = Guid.NewGuid();

        var first = await Reserve(company, 5, application: application);
        var second = await Reserve(company, 5, application: application);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(10, await Balance(company));
    }

    [Fact]
    [Trait("Spec", "TKT-5")]
    public async Task Release_GivesTheTicketsBack_WhenTheApplicationFailsToStart()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Gold, Staff);
        var reservation = await Reserve(company, 10, "COST-C");

        await TestHost.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(reservation.Id, TicketReleaseCause.StartFailed, "workflow did not start", null));
        var again = await TestHost.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(reservation.Id, TicketReleaseCause.StartFailed, "retry", null));

        Assert.Equal(TicketReservationStatus.Released, again.Status);
        Assert.Equal(15, await Balance(company));
        var history = await TestHost.With<TicketLedger, IReadOnlyList<TicketHistoryLine>>(l => l.GetHistoryAsync(company, Fy2025));
        Assert.Equal([TicketEntryKind.Grant, TicketEntryKind.Spend, TicketEntryKind.Refund], history.Select(h => h.Kind));
        Assert.Equal([15, 5, 15], history.Select(h => h.BalanceAfter));
        await Assert.ThrowsAsync<ReservationStateException>(() => TestHost.With<TicketLedger, TicketReservation>(l => l.ConfirmAsync(reservation.Id)));
    }

    [Fact]
    [Trait("Spec", "TKT-5")]
    public async Task CustomerCancellation_IsRefunded_ExceptForTheWebVulnerabilityScan()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Platinum, Staff);
        var training = await Reserve(company, 2, "TRAIN-1");
        var scan = await Reserve(company, 10, "WEB-L");
        await TestHost.With<TicketLedger, TicketReservation>(l => l.ConfirmAsync(training.Id));
        await TestHost.With<TicketLedger, TicketReservation>(l => l.ConfirmAsync(scan.Id));

        await TestHost.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(training.Id, TicketReleaseCause.CancelledByCustomer, "日程が合わない", null));
        var error = await Assert.ThrowsAsync<NotCancellableException>(() =>
            TestHost.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(scan.Id, TicketReleaseCause.CancelledByCustomer, "やめたい", null)));

        Assert.Equal("WEB-L", error.ServiceId);
        Assert.Equal(10, await Balance(company));
        await TestHost.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(scan.Id, TicketReleaseCause.Rejected, "対象外のシステム", Staff));
        Assert.Equal(20, await Balance(company));
        Assert.Equal(2, await Database.ScalarAsync<long>(
            $"SELECT count(*) FROM core.ticket_ledger WHERE company_id = '{company}' AND kind = 'Refund' " +
            "AND reason IN ('msg:ticket.refund|CancelledByCustomer|日程が合わない', 'msg:ticket.refund|Rejected|対象外のシステム')"));
    }

    [Fact]
    [Trait("Spec", "TKT-4")]
    public async Task Ledger_IsAppendOnly_InTheDatabase()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Gold, Staff);

        var update = await Assert.ThrowsAsync<PostgresException>(() => Database.ScalarAsync<int>($"UPDATE core.ticket_ledger SET amount = 99 WHERE company_id = '{company}'"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => Database.ScalarAsync<int>($"DELETE FROM core.ticket_ledger WHERE company_id = '{company}'"));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        Assert.Equal(15, await Balance(company));
    }

    [Fact]
    [Trait("Spec", "TKT-4")]
    public async Task Adjustment_NeedsAReasonAndStaff_AndCannotMakeTheBalanceNegative()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Bronze, Staff);

        await TestHost.With<TicketLedger, TicketLedgerEntry>(l => l.AdjustAsync(company, Fy2025, 3, "障害のお詫び", Staff));
        await Assert.ThrowsAsync<CloudpackPlus.Core.Errors.ProgrammeRuleException>(() => TestHost.With<TicketLedger, TicketLedgerEntry>(l => l.AdjustAsync(company, Fy2025, 1, " ", Staff)));
        await Assert.ThrowsAsync<CloudpackPlus.Core.Errors.ProgrammeRuleException>(() => TestHost.With<TicketLedger, TicketLedgerEntry>(l => l.AdjustAsync(company, Fy2025, 1, "x", company)));
        var error = await Assert.ThrowsAsync<InsufficientTicketsException>(() => TestHost.With<TicketLedger, TicketLedgerEntry>(l => l.AdjustAsync(company, Fy2025, -6, "誤付与の訂正", Staff)));

        Assert.Equal(5, error.Balance);
        Assert.Equal(5, await Balance(company));
        var last = (await TestHost.With<TicketLedger, IReadOnlyList<TicketHistoryLine>>(l => l.GetHistoryAsync(company, Fy2025)))[^1];
        Assert.Equal((TicketEntryKind.Adjustment, 3, "障害のお詫び", (Guid?)Staff), (last.Kind, last.Amount, last.Reason, last.ActorId));
    }

    [Fact]
    [Trait("Spec", "TKT-4")]
    public async Task Reserve_JoinsTheCallersTransaction_AndIsUndoneWithIt()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Gold, Staff);
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var options = new DbContextOptionsBuilder<CoreDbContext>();
            options.UseModuleNpgsql(Database.ConnectionString, CoreDbContext.Schema);
            await using var db = new CoreDbContext(options.Options);
            db.Database.SetDbConnection(connection);
            await db.Database.UseTransactionAsync(transaction);
            var ledger = new TicketLedger(db, TestHost.Clock);

            await ledger.ReserveAsync(new(company, Guid.NewGuid(), 10, "COST-C", null));
            Assert.Equal(5, await ledger.GetBalanceAsync(company, Fy2025));
            Assert.Equal(15, await Balance(company)); // not visible outside before the step commits

            await transaction.RollbackAsync();
        }

        Assert.Equal(15, await Balance(company));
        Assert.Equal(0L, await Database.ScalarAsync<long>($"SELECT count(*) FROM core.ticket_reservations WHERE company_id = '{company}'"));
    }
}
