using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Data;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Dashboard;

/// <summary>
/// The customer-success dashboard's figures for the current fiscal year (Asia/Tokyo dates), aggregated by
/// PostgreSQL in one batch of four statements: one round trip whatever the number of companies. Reads the
/// Core tables and the workflow runtime's task table (wf.tasks) of the same database; staff only.
/// Tickets by ledger kind (TKT-4): granted = Grant entries (enrolment, 1 April, top-ups after a raise); used = Spend − Refund
/// (a spend is written when the tickets are reserved, so reservations waiting to start count as used until released);
/// lapsed = Lapse entries; adjustments = the signed sum of staff adjustments. Left is the sum of every entry, so
/// granted − used − lapsed + adjustments = left for each company and each rank.
/// A company's standing for the year (those sums, its rank, its basic-service proposals) is one row of
/// core.company_year_standing, kept exact by triggers in the writers' transactions (migrations Perf_TicketBalances and
/// Perf_CompanyYearStanding): the page joins the companies with that row instead of aggregating the ledger, sorting the
/// year's rank assignments and grouping its proposals on every request.
/// Each scope has its own SQL text (the filter written out, not a parameter), so PostgreSQL keeps one generic plan per
/// scope instead of planning the whole statement again for every request.
/// </summary>
public sealed class DashboardQuery(CoreDbContext db, TimeProvider clock, IOptions<DashboardOptions> options)
{
    private const string UnusedWhere = "c.status = 'Active' AND y.granted > 0 AND y.used = 0";
    private const string LowWhere = "c.status = 'Active' AND y.remaining > 0 AND y.remaining * 100 <= y.granted * $3";

    // The company filter of each scope ($1 = me; the people join "o" is there for the backup of an away owner).
    private static readonly Dictionary<DashboardScope, string> CompanyScope = new()
    {
        [DashboardScope.All] = "$1::uuid IS NOT NULL",
        [DashboardScope.Mine] = "c.owning_csm_id = $1",
        [DashboardScope.Companies] = "(c.owning_csm_id = $1 OR (c.backup_csm_id = $1 AND o.is_away))",
    };

    private static readonly Dictionary<DashboardScope, string> ApplicationScope = new()
    {
        [DashboardScope.All] = "$1::uuid IS NOT NULL",
        [DashboardScope.Mine] = "a.csm_id = $1",
        [DashboardScope.Companies] = CompanyScope[DashboardScope.Companies],
    };

    private static readonly Dictionary<DashboardScope, string> TaskScope = new()
    {
        [DashboardScope.All] = "$1::uuid IS NOT NULL",
        [DashboardScope.Mine] = "(t.claimed_by = $1::text OR t.assignee = $1::text)",
        [DashboardScope.Companies] = CompanyScope[DashboardScope.Companies],
    };

    private static readonly Dictionary<DashboardScope, string[]> Statements = Enum.GetValues<DashboardScope>().ToDictionary(s => s, Build);

    /// <summary>The figures for <paramref name="scope"/> as seen by staff member <paramref name="me"/>; <paramref name="allRows"/> lifts the list limit (CSV).</summary>
    public async Task<DashboardFigures> LoadAsync(DashboardScope scope, Guid me, bool allRows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = Tokyo.DateOf(now);
        var year = FiscalYear.Of(today);
        var rows = allRows ? int.MaxValue : Math.Max(1, options.Value.ListRows);
        var low = Math.Clamp(options.Value.LowBalancePercent, 0, 100);
        var sql = Statements[scope];

        var batch = new OneBatch();
        var companies = batch.Add(sql[0], r => (Part: r.GetInt32(0), Row: r.GetInt32(0) == 0
            ? (object)new RankFigures(r.GetString(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10),
                r.GetInt32(11), r.GetInt32(12), r.GetInt32(13), r.GetInt32(14))
            : new CompanyFigure(r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7),
                r.GetInt32(9), r.GetInt32(10))), me, year.StartYear, low, rows);
        var cells = batch.Add(sql[1], r => new ApplicationAgeCell(r.GetString(0), r.GetInt32(1), r.GetInt32(2)), me, today);
        var buckets = batch.Add(sql[2], r => (Bucket: r.GetInt32(0), Count: r.GetInt32(1)), me, now, rows);
        var overdue = batch.Add(sql[3], r => (Task: new OverdueTask(r.GetGuid(0), r.GetString(1), r.Text(2), r.Text(3), r.Text(4), r.Id(5), r.Text(6),
            r.At(7), r.GetInt32(8), r.Text(9)), Total: r.GetInt32(10)), me, now, rows);
        await batch.RunAsync(db, cancellationToken);

        var ranks = companies.Rows.Where(p => p.Part == 0).Select(p => (RankFigures)p.Row)
            .OrderBy(r => Array.IndexOf(DashboardFigures.RankOrder, r.Rank)).ToList();
        // The lists' totals are the per-rank counts of the same conditions (no second pass over the companies).
        var unused = new RowsOf<CompanyFigure>(companies.Rows.Where(p => p.Part == 1).Select(p => (CompanyFigure)p.Row).ToList(), ranks.Sum(r => r.Unused));
        var lowRows = new RowsOf<CompanyFigure>(companies.Rows.Where(p => p.Part == 2).Select(p => (CompanyFigure)p.Row).ToList(), ranks.Sum(r => r.Low));
        var counts = new int[DashboardFigures.OverdueBounds.Length + 1];
        foreach (var (bucket, count) in buckets.Rows)
        {
            counts[bucket] = count;
        }

        var daysToLapse = Math.Max(0, year.LastDay.DayNumber - today.DayNumber + 1);
        return new DashboardFigures(year, today, daysToLapse, ranks, unused, lowRows, cells.Rows, counts,
            new RowsOf<OverdueTask>(overdue.Rows.Select(o => o.Task).ToList(), overdue.FirstOrDefault.Total));
    }

    // [0] companies: $1 me, $2 fiscal year, $3 low-balance percent, $4 list rows; [1] applications: $1 me, $2 today (Tokyo);
    // [2], [3] overdue tasks: $1 me, $2 now, $3 list rows.
    private static string[] Build(DashboardScope scope)
    {
        var companyScope = CompanyScope[scope];
        var owner = scope == DashboardScope.Companies ? "LEFT JOIN core.people o ON o.id = c.owning_csm_id" : "";
        // Part 0 = one row per rank (every company of the scope, with or without a standing row this year); parts 1 and 2 =
        // the first $4 companies that have used nothing / are running low, in list order (both need a standing row).
        var companies = $"""
            SELECT part, id, code, name, rank, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 FROM (
                SELECT 0 AS part, 0::bigint AS ord, NULL::uuid AS id, NULL::text AS code, NULL::text AS name, g.rank::text AS rank,
                       g.n0, g.n1, g.n2, g.n3, g.n4, g.n5, (g.n0 * COALESCE(d.basic_proposals_per_year, 0))::int AS n6, g.n7, g.n8, g.n9
                FROM (SELECT COALESCE(y.rank, '') AS rank, count(*)::int AS n0, COALESCE(SUM(y.granted), 0)::int AS n1,
                             COALESCE(SUM(y.used), 0)::int AS n2, COALESCE(SUM(y.remaining), 0)::int AS n3,
                             (count(*) FILTER (WHERE {UnusedWhere}))::int AS n4, (count(*) FILTER (WHERE {LowWhere}))::int AS n5,
                             COALESCE(SUM(y.proposals), 0)::int AS n7, COALESCE(SUM(y.lapsed), 0)::int AS n8, COALESCE(SUM(y.adjusted), 0)::int AS n9
                      FROM core.companies c {owner}
                      LEFT JOIN core.company_year_standing y ON y.company_id = c.id AND y.fiscal_year = $2
                      WHERE c.status <> 'NotEnrolled' AND {companyScope}
                      GROUP BY 1) g
                LEFT JOIN core.rank_definitions d ON d.rank = g.rank
                UNION ALL
                {List(1, "y.remaining DESC, c.code", UnusedWhere, owner, companyScope)}
                UNION ALL
                {List(2, "y.remaining, c.code", LowWhere, owner, companyScope)}
            ) parts
            ORDER BY part, ord
            """;

        var applications = $"""
            SELECT status, CASE WHEN age <= 7 THEN 0 WHEN age <= 30 THEN 1 WHEN age <= 90 THEN 2 ELSE 3 END AS bucket, count(*)::int
            FROM (SELECT a.status, $2::date - (a.applied_at AT TIME ZONE 'Asia/Tokyo')::date AS age
                  FROM core.applications a JOIN core.companies c ON c.id = a.company_id {owner}
                  WHERE a.status NOT IN ('Completed', 'Cancelled') AND {ApplicationScope[scope]}) x
            GROUP BY 1, 2
            """;

        var overdueFrom = $"""
            FROM wf.tasks t LEFT JOIN core.companies c ON c.id = t.company_id {owner}
            WHERE t.status IN ('Open', 'Claimed') AND t.due_at < $2 AND {TaskScope[scope]}
            """;
        var overdueByAge = $"""
            SELECT CASE WHEN d <= 3 THEN 0 WHEN d <= 7 THEN 1 WHEN d <= 14 THEN 2 ELSE 3 END, count(*)::int
            FROM (SELECT ceil(extract(epoch FROM $2 - t.due_at) / 86400)::int AS d {overdueFrom} AND $3 >= 0) x GROUP BY 1
            """;
        var overdueList = $"""
            SELECT t.id, t.title, t.title_en, c.code, c.name, a.id, a.number, t.due_at, ceil(extract(epoch FROM $2 - t.due_at) / 86400)::int,
                   COALESCE(p.display_name, t.claimed_by), (count(*) OVER ())::int
            {overdueFrom.Replace("FROM wf.tasks t LEFT JOIN core.companies c ON c.id = t.company_id", "FROM wf.tasks t LEFT JOIN core.companies c ON c.id = t.company_id LEFT JOIN core.applications a ON a.workflow_instance_id = t.instance_id LEFT JOIN core.people p ON p.id::text = t.claimed_by", StringComparison.Ordinal)}
            ORDER BY t.due_at, t.id LIMIT $3
            """;
        return [companies, applications, overdueByAge, overdueList];
    }

    private static string List(int part, string order, string where, string owner, string companyScope) => $"""
        SELECT * FROM (
            SELECT {part}, row_number() OVER (ORDER BY {order}), c.id, c.code::text, c.name::text, COALESCE(y.rank, '')::text,
                   y.granted, y.used, y.remaining, 0, y.lapsed, y.adjusted, 0, 0, 0, 0
            FROM core.company_year_standing y JOIN core.companies c ON c.id = y.company_id {owner}
            WHERE y.fiscal_year = $2 AND {where} AND {companyScope}
            ORDER BY {order} LIMIT $4) list{part}
        """;
}
