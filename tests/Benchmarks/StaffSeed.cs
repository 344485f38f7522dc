using System.Diagnostics;
using CloudpackPlus.Core.Time;
using Npgsql;
using NpgsqlTypes;

namespace CloudpackPlus.Benchmarks;

/// <summary>
/// Seeds the staff pages' benchmark data with binary COPY: <c>companies</c> enrolled companies (a quarter owned by the
/// demo CSM), their rank for the current fiscal year, ticket accounts and exactly <c>entries</c> ticket-ledger lines over
/// three fiscal years (grants, spends and refunds, lapses of past years). Run after the host's seed-demo (migrations).
/// </summary>
public static class StaffSeed
{
    private static readonly (string Rank, int Tickets)[] Ranks = [("Platinum", 20), ("Gold", 15), ("Silver", 5), ("Bronze", 2), ("Regular", 0)];

    public static async Task<TimeSpan> RunAsync(string connectionString, int companies, int entries)
    {
        var clock = Stopwatch.StartNew();
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var connection = await source.OpenConnectionAsync();
        var csm = (Guid?)await new NpgsqlCommand("SELECT id FROM core.people WHERE email = 'csm@cloudpack.example.jp'", connection).ExecuteScalarAsync();
        var now = DateTimeOffset.UtcNow;
        var year = FiscalYear.Of(Tokyo.DateOf(now)).StartYear;
        var ids = Enumerable.Range(0, companies).Select(_ => Guid.CreateVersion7()).ToArray();
        string RankOf(int i) => Ranks[(i * 7 % 20) switch { 0 => 0, < 4 => 1, < 10 => 2, < 16 => 3, _ => 4 }].Rank;
        int TicketsOf(int i) => Ranks.Single(r => r.Rank == RankOf(i)).Tickets;

        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY core.companies (id, code, name, created_at, status, enrolled_at, is_public_body, is_alliance_partner, is_served_through_third_party, industry, owning_csm_id) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < companies; i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                    await copy.WriteAsync($"BENCH{i:D5}", NpgsqlDbType.Varchar);
                    await copy.WriteAsync($"ベンチマーク商事 {i:D5} 株式会社", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(now.AddYears(-3), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(i % 50 == 49 ? "Suspended" : "Active", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(now.AddYears(-3), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                    await copy.WriteAsync("情報通信業", NpgsqlDbType.Varchar);
                    if (csm is { } owner && i % 4 == 0)
                    {
                        await copy.WriteAsync(owner, NpgsqlDbType.Uuid);
                    }
                    else
                    {
                        await copy.WriteNullAsync();
                    }
                }

                await copy.CompleteAsync();
            }

            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY core.rank_assignments (company_id, fiscal_year, rank, source, set_at) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < companies; i++)
                {
                    for (var fy = year - 2; fy <= year; fy++)
                    {
                        await copy.WriteRowAsync(default, ids[i], fy, RankOf(i), "Rollover", now);
                    }
                }

                await copy.CompleteAsync();
            }

            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY core.ticket_accounts (company_id, fiscal_year, created_at, annual_grant_at) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < companies; i++)
                {
                    for (var fy = year - 2; fy <= year; fy++)
                    {
                        await copy.WriteRowAsync(default, ids[i], fy, now, now);
                    }
                }

                await copy.CompleteAsync();
            }

            var written = 0;
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY core.ticket_ledger (company_id, fiscal_year, kind, amount, at) FROM STDIN (FORMAT BINARY)"))
            {
                async Task Row(int i, int fy, string kind, int amount)
                {
                    await copy.WriteRowAsync(default, ids[i], fy, kind, amount, now);
                    written++;
                }

                // Grants of three years, then past years' spends and lapses of what was left.
                for (var i = 0; i < companies && written < entries; i++)
                {
                    var tickets = TicketsOf(i);
                    for (var fy = year - 2; fy <= year && tickets > 0; fy++)
                    {
                        await Row(i, fy, "Grant", tickets);
                        var spent = fy < year ? Math.Min(tickets, i % 3 * 2) : i % 5 == 0 ? 0 : Math.Min(tickets - 1, i % 4);
                        if (spent > 0)
                        {
                            await Row(i, fy, "Spend", -spent);
                        }

                        if (fy < year && tickets - spent > 0)
                        {
                            await Row(i, fy, "Lapse", -(tickets - spent));
                        }
                    }
                }

                // The rest: cancelled applications (a spend and its refund) of this year, spread over the companies with tickets.
                var paying = Enumerable.Range(0, companies).Where(i => TicketsOf(i) > 0).ToArray();
                for (var k = 0; written < entries; k++)
                {
                    var i = paying[k % paying.Length];
                    await Row(i, year, "Spend", -1);
                    if (written < entries)
                    {
                        await Row(i, year, "Refund", 1);
                    }
                }

                await copy.CompleteAsync();
            }

            await tx.CommitAsync();
            Console.WriteLine($"seeded {companies:N0} companies and {written:N0} ledger entries (FY{year - 2}–FY{year}) in {clock.Elapsed.TotalSeconds:F1} s");
        }

        await new NpgsqlCommand("ANALYZE core.companies; ANALYZE core.ticket_ledger; ANALYZE core.rank_assignments; ANALYZE core.ticket_accounts", connection).ExecuteNonQueryAsync();
        // The ledger trigger updated a balance row per entry: vacuum now, as autovacuum would soon after such a burst
        // (VACUUM cannot share a statement with others).
        await new NpgsqlCommand("VACUUM ANALYZE core.ticket_balances", connection).ExecuteNonQueryAsync();
        return clock.Elapsed;
    }
}
