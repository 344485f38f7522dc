using CloudpackPlus.Core.FiscalYears;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Npgsql;

namespace CloudpackPlus.Core.Tests.Tickets;

/// <summary>
/// core.company_year_standing (the dashboard's one row per company and fiscal year, migration Perf_CompanyYearStanding)
/// always equals its sources: the ticket balances (themselves the ledger's sums), the latest rank assignment of the year
/// and the number of basic-service proposals — through enrolment, spends, refunds, adjustments, a rank change with its
/// top-up, concurrent spends, proposals added and removed, and the rollover's lapse and new ranks. Its own database.
/// </summary>
public sealed class CompanyYearStandingTests : OwnDatabaseTest
{
    private const string FromSources = """
        SELECT k.company_id, k.fiscal_year,
               (SELECT rank FROM core.rank_assignments r WHERE r.company_id = k.company_id AND r.fiscal_year = k.fiscal_year ORDER BY id DESC LIMIT 1),
               (SELECT count(*)::int FROM core.basic_service_proposals p WHERE p.company_id = k.company_id AND p.fiscal_year = k.fiscal_year),
               COALESCE((SELECT SUM(amount) FILTER (WHERE kind = 'Grant') FROM core.ticket_ledger l WHERE l.company_id = k.company_id AND l.fiscal_year = k.fiscal_year), 0)::int,
               COALESCE((SELECT -SUM(amount) FILTER (WHERE kind IN ('Spend', 'Refund')) FROM core.ticket_ledger l WHERE l.company_id = k.company_id AND l.fiscal_year = k.fiscal_year), 0)::int,
               COALESCE((SELECT -SUM(amount) FILTER (WHERE kind = 'Lapse') FROM core.ticket_ledger l WHERE l.company_id = k.company_id AND l.fiscal_year = k.fiscal_year), 0)::int,
               COALESCE((SELECT SUM(amount) FILTER (WHERE kind = 'Adjustment') FROM core.ticket_ledger l WHERE l.company_id = k.company_id AND l.fiscal_year = k.fiscal_year), 0)::int,
               COALESCE((SELECT SUM(amount) FROM core.ticket_ledger l WHERE l.company_id = k.company_id AND l.fiscal_year = k.fiscal_year), 0)::int
        FROM (SELECT company_id, fiscal_year FROM core.ticket_ledger UNION SELECT company_id, fiscal_year FROM core.rank_assignments
              UNION SELECT company_id, fiscal_year FROM core.basic_service_proposals) k
        """;

    private const string FromStanding = """
        SELECT company_id, fiscal_year, rank, proposals, granted, used, lapsed, adjusted, remaining FROM core.company_year_standing
        WHERE rank IS NOT NULL OR proposals <> 0 OR granted <> 0 OR used <> 0 OR lapsed <> 0 OR adjusted <> 0 OR remaining <> 0
           OR EXISTS (SELECT 1 FROM core.ticket_ledger l WHERE l.company_id = company_year_standing.company_id AND l.fiscal_year = company_year_standing.fiscal_year)
        """;

    [Fact]
    [Trait("Spec", "TKT-4")]
    [Trait("Spec", "RANK-3")]
    public async Task TheStandingFollowsTicketsRanksAndProposals_ThroughAFiscalYearAndItsRollover()
    {
        var fy2025 = new FiscalYear(2025);
        await Host.With<FiscalYearRolloverService, RolloverOutcome>(s => s.RunAsync("schedule"));
        var gold = await Host.CreateEnrolledCompanyAsync(Rank.Gold, Admin);     // 15
        var silver = await Host.CreateEnrolledCompanyAsync(Rank.Silver, Admin); // 5
        Assert.Equal(("Gold", 15, 15), await StandingOf(gold, 2025));

        var held = await Reserve(gold, 2);
        var cancelled = await Reserve(gold, 3);
        await Host.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(cancelled.Id, TicketReleaseCause.CancelledByStaff, "取消", Admin)); // refund
        await Host.With<TicketLedger, TicketLedgerEntry>(l => l.AdjustAsync(silver, fy2025, 4, "追加付与", Admin));
        await Host.With<TicketLedger, TicketLedgerEntry>(l => l.AdjustAsync(silver, fy2025, -1, "誤付与の訂正", Admin));
        Assert.Equal(("Gold", 15, 13), await StandingOf(gold, 2025));
        Assert.Equal(("Silver", 5, 8), await StandingOf(silver, 2025));

        // A rank change (override) shows at once, with the top-up it grants.
        await Host.With<RankService, RankAssignment>(s => s.OverrideAsync(silver, fy2025, Rank.Gold, "実績の見直し", Admin));
        Assert.Equal("Gold", (await StandingOf(silver, 2025)).Rank);

        // Concurrent spends add up.
        using var start = new ManualResetEventSlim();
        var spends = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            start.Wait();
            await Reserve(i % 2 == 0 ? gold : silver, 1);
        })).ToList();
        start.Set();
        await Task.WhenAll(spends);

        // Proposals: added (two at once), one moved to another year, one removed.
        await ExecuteAsync($"""
            INSERT INTO core.basic_service_proposals (id, company_id, fiscal_year, title, started_by, started_at)
            VALUES ('{Guid.NewGuid()}', '{gold}', 2025, '提案 1', '{Admin}', now()),
                   ('{Guid.NewGuid()}', '{gold}', 2025, '提案 2', '{Admin}', now()),
                   ('{Guid.NewGuid()}', '{silver}', 2025, '提案 3', '{Admin}', now())
            """);
        await ExecuteAsync($"UPDATE core.basic_service_proposals SET fiscal_year = 2024 WHERE title = '提案 2'");
        await ExecuteAsync($"DELETE FROM core.basic_service_proposals WHERE title = '提案 3'");
        Assert.Equal(await RowsAsync(FromSources), await RowsAsync(FromStanding));

        // The rollover lapses what is left, assigns the new year's ranks and grants; a refund after it lapses at once.
        Host.MoveTo(CoreTestHost.Jst(2026, 4, 1, 0, 0));
        await Host.With<FiscalYearRolloverService, RolloverOutcome>(s => s.RunAsync("schedule"));
        await Host.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(held.Id, TicketReleaseCause.Rejected, "対応不可", Admin));

        var after = await RowsAsync(FromStanding);
        Assert.Equal(await RowsAsync(FromSources), after);
        Assert.Contains(after, r => r.Company == gold && r.Year == 2026 && r.Rank is not null);
        Assert.All(after.Where(r => r.Year == 2025), r => Assert.Equal(0, r.Remaining));
    }

    private async Task<(string? Rank, int Granted, int Remaining)> StandingOf(Guid company, int year)
    {
        var row = (await RowsAsync(FromStanding)).Single(r => r.Company == company && r.Year == year);
        return (row.Rank, row.Granted, row.Remaining);
    }

    private Task<TicketReservation> Reserve(Guid company, int cost) =>
        Host.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(company, Guid.NewGuid(), cost, "TRAIN-1", null)));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<Row>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql + " ORDER BY 1, 2", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetGuid(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8)));
        }

        return rows;
    }

    private sealed record Row(Guid Company, int Year, string? Rank, int Proposals, int Granted, int Used, int Lapsed, int Adjusted, int Remaining);
}
