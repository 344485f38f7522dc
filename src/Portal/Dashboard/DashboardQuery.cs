using System.Data;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudpackPlus.Portal.Dashboard;

/// <summary>
/// The customer-success dashboard's figures for the current fiscal year (Asia/Tokyo dates), aggregated by
/// PostgreSQL in one batch of four statements: one round trip whatever the number of companies. Reads the
/// Core tables and the workflow runtime's task table (wf.tasks) of the same database; staff only.
/// Tickets by ledger kind (TKT-4): granted = Grant entries (enrolment, 1 April, top-ups after a raise); used = Spend − Refund
/// (a spend is written when the tickets are reserved, so reservations waiting to start count as used until released);
/// lapsed = Lapse entries; adjustments = the signed sum of staff adjustments. Left is the sum of every entry, so
/// granted − used − lapsed + adjustments = left for each company and each rank. These sums are read from
/// core.ticket_balances, kept per company and fiscal year by a trigger on the append-only ledger (migration
/// Perf_TicketBalances), not aggregated from the year's ledger on each request.
/// </summary>
public sealed class DashboardQuery(CoreDbContext db, TimeProvider clock, IOptions<DashboardOptions> options)
{
    // $1 scope (0 all, 1 mine, 2 my companies), $2 me, $3 fiscal year, $4 low-balance percent, $5 list rows.
    private const string Standing = """
        WITH scoped AS (
            SELECT c.id, c.code, c.name, c.status FROM core.companies c
            LEFT JOIN core.people o ON o.id = c.owning_csm_id
            WHERE c.status <> 'NotEnrolled' AND ($1 = 0 OR ($1 = 1 AND c.owning_csm_id = $2)
               OR ($1 = 2 AND (c.owning_csm_id = $2 OR (c.backup_csm_id = $2 AND o.is_away))))
        ), ranked AS (
            SELECT DISTINCT ON (company_id) company_id, rank FROM core.rank_assignments
            WHERE fiscal_year = $3 ORDER BY company_id, id DESC
        ), tickets AS (
            SELECT company_id, granted, used, lapsed, adjusted, remaining FROM core.ticket_balances WHERE fiscal_year = $3
        ), standing AS (
            SELECT s.id, s.code, s.name, s.status, COALESCE(r.rank, '') AS rank,
                   COALESCE(t.granted, 0)::int AS granted, COALESCE(t.used, 0)::int AS used, COALESCE(t.remaining, 0)::int AS remaining,
                   COALESCE(t.lapsed, 0)::int AS lapsed, COALESCE(t.adjusted, 0)::int AS adjusted
            FROM scoped s LEFT JOIN ranked r ON r.company_id = s.id LEFT JOIN tickets t ON t.company_id = s.id
        )
        """;

    private const string UnusedWhere = "status = 'Active' AND granted > 0 AND used = 0";
    private const string LowWhere = "status = 'Active' AND remaining > 0 AND remaining * 100 <= granted * $4";

    // One statement for the three parts that read the standing (computed once): part 0 = one row per rank, parts 1 and 2
    // = the first $5 companies that have used nothing / are running low, in list order, with the list's full count.
    private const string Companies = Standing + $"""
        , proposals AS (
            SELECT company_id, count(*) AS n FROM core.basic_service_proposals WHERE fiscal_year = $3 GROUP BY company_id
        )
        SELECT part, id, code, name, rank, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 FROM (
            SELECT 0 AS part, 0::bigint AS ord, NULL::uuid AS id, NULL::text AS code, NULL::text AS name, st.rank::text AS rank,
                   count(*)::int AS n0, COALESCE(SUM(st.granted), 0)::int AS n1, COALESCE(SUM(st.used), 0)::int AS n2,
                   COALESCE(SUM(st.remaining), 0)::int AS n3, (count(*) FILTER (WHERE {UnusedWhere}))::int AS n4,
                   (count(*) FILTER (WHERE {LowWhere}))::int AS n5, COALESCE(SUM(d.basic_proposals_per_year), 0)::int AS n6,
                   COALESCE(SUM(p.n), 0)::int AS n7, COALESCE(SUM(st.lapsed), 0)::int AS n8, COALESCE(SUM(st.adjusted), 0)::int AS n9
            FROM standing st
            LEFT JOIN core.rank_definitions d ON d.rank = st.rank
            LEFT JOIN proposals p ON p.company_id = st.id
            GROUP BY st.rank
            UNION ALL
            SELECT * FROM (
                SELECT 1, row_number() OVER (ORDER BY remaining DESC, code), id, code::text, name::text, rank::text, granted, used, remaining,
                       (count(*) OVER ())::int, lapsed, adjusted, 0, 0, 0, 0
                FROM standing WHERE {UnusedWhere} ORDER BY remaining DESC, code LIMIT $5) unused
            UNION ALL
            SELECT * FROM (
                SELECT 2, row_number() OVER (ORDER BY remaining, code), id, code::text, name::text, rank::text, granted, used, remaining,
                       (count(*) OVER ())::int, lapsed, adjusted, 0, 0, 0, 0
                FROM standing WHERE {LowWhere} ORDER BY remaining, code LIMIT $5) low
        ) parts
        ORDER BY part, ord
        """;

    // $1 scope, $2 me, $3 today (Tokyo).
    private const string ApplicationScope = """
        FROM core.applications a JOIN core.companies c ON c.id = a.company_id LEFT JOIN core.people o ON o.id = c.owning_csm_id
        WHERE a.status NOT IN ('Completed', 'Cancelled') AND ($1 = 0 OR ($1 = 1 AND a.csm_id = $2)
           OR ($1 = 2 AND (c.owning_csm_id = $2 OR (c.backup_csm_id = $2 AND o.is_away))))
        """;

    private const string ApplicationsByAge = $"""
        SELECT status, CASE WHEN age <= 7 THEN 0 WHEN age <= 30 THEN 1 WHEN age <= 90 THEN 2 ELSE 3 END AS bucket, count(*)::int
        FROM (SELECT a.status, $3::date - (a.applied_at AT TIME ZONE 'Asia/Tokyo')::date AS age {ApplicationScope}) x
        GROUP BY 1, 2
        """;

    // $1 scope, $2 me, $3 now, $4 list rows.
    private const string OverdueScope = """
        FROM wf.tasks t LEFT JOIN core.companies c ON c.id = t.company_id LEFT JOIN core.people o ON o.id = c.owning_csm_id
        WHERE t.status IN ('Open', 'Claimed') AND t.due_at < $3 AND ($1 = 0
           OR ($1 = 1 AND (t.claimed_by = $2::text OR t.assignee = $2::text))
           OR ($1 = 2 AND (c.owning_csm_id = $2 OR (c.backup_csm_id = $2 AND o.is_away))))
        """;

    private const string OverdueByAge = $"""
        SELECT CASE WHEN d <= 3 THEN 0 WHEN d <= 7 THEN 1 WHEN d <= 14 THEN 2 ELSE 3 END, count(*)::int
        FROM (SELECT ceil(extract(epoch FROM $3 - t.due_at) / 86400)::int AS d {OverdueScope} AND $4 >= 0) x GROUP BY 1
        """;

    private static readonly string OverdueList = $"""
        SELECT t.id, t.title, t.title_en, c.code, c.name, a.id, a.number, t.due_at, ceil(extract(epoch FROM $3 - t.due_at) / 86400)::int,
               COALESCE(p.display_name, t.claimed_by), (count(*) OVER ())::int
        {OverdueScope.Replace("LEFT JOIN core.people o", "LEFT JOIN core.applications a ON a.workflow_instance_id = t.instance_id LEFT JOIN core.people p ON p.id::text = t.claimed_by LEFT JOIN core.people o", StringComparison.Ordinal)}
        ORDER BY t.due_at, t.id LIMIT $4
        """;

    /// <summary>The figures for <paramref name="scope"/> as seen by staff member <paramref name="me"/>; <paramref name="allRows"/> lifts the list limit (CSV).</summary>
    public async Task<DashboardFigures> LoadAsync(DashboardScope scope, Guid me, bool allRows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = Tokyo.DateOf(now);
        var year = FiscalYear.Of(today);
        var rows = allRows ? int.MaxValue : Math.Max(1, options.Value.ListRows);
        var low = Math.Clamp(options.Value.LowBalancePercent, 0, 100);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var batch = new NpgsqlBatch(connection);
            object[] company = [(int)scope, me, year.StartYear, low, rows];
            object[] applications = [(int)scope, me, today];
            object[] tasks = [(int)scope, me, now, rows];
            Add(batch, Companies, company);
            Add(batch, ApplicationsByAge, applications);
            Add(batch, OverdueByAge, tasks);
            Add(batch, OverdueList, tasks);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

            var ranks = new List<RankFigures>();
            var unused = new List<CompanyFigure>();
            var lowRows = new List<CompanyFigure>();
            int unusedTotal = 0, lowTotal = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                var part = reader.GetInt32(0);
                if (part == 0)
                {
                    ranks.Add(new RankFigures(reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8),
                        reader.GetInt32(9), reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12), reader.GetInt32(13), reader.GetInt32(14)));
                    continue;
                }

                var figure = new CompanyFigure(reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(9), reader.GetInt32(10));
                (part == 1 ? unused : lowRows).Add(figure);
                if (part == 1)
                {
                    unusedTotal = reader.GetInt32(8);
                }
                else
                {
                    lowTotal = reader.GetInt32(8);
                }
            }

            ranks.Sort((a, b) => Array.IndexOf(DashboardFigures.RankOrder, a.Rank).CompareTo(Array.IndexOf(DashboardFigures.RankOrder, b.Rank)));
            await reader.NextResultAsync(cancellationToken);
            var cells = new List<ApplicationAgeCell>();
            while (await reader.ReadAsync(cancellationToken))
            {
                cells.Add(new ApplicationAgeCell(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
            }

            await reader.NextResultAsync(cancellationToken);
            var buckets = new int[DashboardFigures.OverdueBounds.Length + 1];
            while (await reader.ReadAsync(cancellationToken))
            {
                buckets[reader.GetInt32(0)] = reader.GetInt32(1);
            }

            await reader.NextResultAsync(cancellationToken);
            var overdue = new List<OverdueTask>();
            var overdueTotal = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                overdue.Add(new OverdueTask(reader.GetGuid(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4),
                    reader.IsDBNull(5) ? null : reader.GetGuid(5), Text(reader, 6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetInt32(8),
                    Text(reader, 9)));
                overdueTotal = reader.GetInt32(10);
            }

            var daysToLapse = Math.Max(0, year.LastDay.DayNumber - today.DayNumber + 1);
            return new DashboardFigures(year, today, daysToLapse, ranks, new RowsOf<CompanyFigure>(unused, unusedTotal), new RowsOf<CompanyFigure>(lowRows, lowTotal), cells, buckets, new RowsOf<OverdueTask>(overdue, overdueTotal));
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static void Add(NpgsqlBatch batch, string sql, object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
