using CloudpackPlus.Core.FiscalYears;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Npgsql;

namespace CloudpackPlus.Core.Tests.Tickets;

/// <summary>
/// core.ticket_balances (the dashboard's per-company sums, kept by a trigger on the ledger) always equals the ledger
/// aggregated by kind, through every way an entry is written: grants, spends, refunds, late-refund lapses, adjustments,
/// concurrent spends, the rollover's lapse and grant. Its own database, so the whole table is compared.
/// </summary>
public sealed class TicketBalancesTests : OwnDatabaseTest
{
    private const string FromLedger = """
        SELECT company_id, fiscal_year,
               COALESCE(SUM(amount) FILTER (WHERE kind = 'Grant'), 0)::int,
               COALESCE(-SUM(amount) FILTER (WHERE kind IN ('Spend', 'Refund')), 0)::int,
               COALESCE(-SUM(amount) FILTER (WHERE kind = 'Lapse'), 0)::int,
               COALESCE(SUM(amount) FILTER (WHERE kind = 'Adjustment'), 0)::int,
               SUM(amount)::int
        FROM core.ticket_ledger GROUP BY company_id, fiscal_year
        """;

    private const string FromBalances = "SELECT company_id, fiscal_year, granted, used, lapsed, adjusted, remaining FROM core.ticket_balances";

    [Fact]
    [Trait("Spec", "TKT-4")]
    public async Task TheBalancesFollowEveryLedgerEntry_ThroughAFiscalYearAndItsRollover()
    {
        var fy2025 = new FiscalYear(2025);
        await Host.With<FiscalYearRolloverService, RolloverOutcome>(s => s.RunAsync("schedule"));
        var gold = await Host.CreateEnrolledCompanyAsync(Rank.Gold, Admin);     // 15
        var silver = await Host.CreateEnrolledCompanyAsync(Rank.Silver, Admin); // 5
        var held = await Reserve(gold, 2);
        var confirmed = await Reserve(gold, 5);
        await Host.With<TicketLedger, TicketReservation>(l => l.ConfirmAsync(confirmed.Id));
        var cancelled = await Reserve(gold, 3);
        await Host.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(cancelled.Id, TicketReleaseCause.CancelledByStaff, "取消", Admin));
        await Host.With<TicketLedger, TicketLedgerEntry>(l => l.AdjustAsync(silver, fy2025, 4, "追加付与", Admin));
        await Host.With<TicketLedger, TicketLedgerEntry>(l => l.AdjustAsync(silver, fy2025, -1, "誤付与の訂正", Admin));

        // Concurrent spends on both companies: each balance row is updated under the ledger's own serialisation.
        using var start = new ManualResetEventSlim();
        var spends = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await Reserve(i % 2 == 0 ? gold : silver, 1);
            }
            catch (InsufficientTicketsException)
            {
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(spends);

        Assert.Equal(await RowsAsync(FromLedger), await RowsAsync(FromBalances));
        var goldNow = (await RowsAsync(FromBalances)).Single(r => r.Company == gold && r.Year == 2025);
        Assert.Equal((15, 2 + 5 + 8, 0, 0, 0), (goldNow.Granted, goldNow.Used, goldNow.Lapsed, goldNow.Adjusted, goldNow.Remaining));

        // The rollover lapses what is left and grants the new year; a refund after it lapses at once.
        Host.MoveTo(CoreTestHost.Jst(2026, 4, 1, 0, 0));
        await Host.With<FiscalYearRolloverService, RolloverOutcome>(s => s.RunAsync("schedule"));
        await Host.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(held.Id, TicketReleaseCause.Rejected, "対応不可", Admin));

        var after = await RowsAsync(FromBalances);
        Assert.Equal(await RowsAsync(FromLedger), after);
        var silverLastYear = after.Single(r => r.Company == silver && r.Year == 2025);
        Assert.Equal((5, 8, 0, 3, 0), (silverLastYear.Granted, silverLastYear.Used, silverLastYear.Lapsed, silverLastYear.Adjusted, silverLastYear.Remaining));
        var goldLastYear = after.Single(r => r.Company == gold && r.Year == 2025);
        Assert.Equal((13, 2, 0), (goldLastYear.Used, goldLastYear.Lapsed, goldLastYear.Remaining));
    }

    private Task<TicketReservation> Reserve(Guid company, int cost) =>
        Host.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(company, Guid.NewGuid(), cost, "TRAIN-1", null)));

    private async Task<List<Row>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql + " ORDER BY 1, 2", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetGuid(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6)));
        }

        return rows;
    }

    private sealed record Row(Guid Company, int Year, int Granted, int Used, int Lapsed, int Adjusted, int Remaining);
}
