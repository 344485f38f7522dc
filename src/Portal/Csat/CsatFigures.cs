using System.Globalization;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Csat;

/// <summary>
/// CSAT, the staff side (customer-success dashboard): for the fiscal year (surveys sent from 1 April, Asia/Tokyo),
/// the surveys sent and answered, the response rate and the average score per service and per CSM (the
/// application's CSM at completion), and the latest comments. The tables are <see cref="DashboardTable"/>s, so the
/// CSV export is <see cref="DashboardCsv"/> (UTF-8 with BOM, formula-safe).
/// </summary>
public sealed class CsatFigures(CoreDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> text)
{
    public const string Services = "csat-services";
    public const string Csms = "csat-csms";
    public const string Comments = "csat-comments";
    public const int LatestComments = 10;

    public static IReadOnlyList<string> Keys { get; } = [Services, Csms, Comments];

    public FiscalYear Year => FiscalYear.Current(clock);

    /// <summary>The three tables; <paramref name="allRows"/> lifts the comment limit (CSV).</summary>
    public async Task<IReadOnlyList<DashboardTable>> LoadAsync(bool allRows, CancellationToken cancellationToken)
    {
        var year = Year;
        var from = year.StartsAt;
        var to = year.Next.StartsAt;
        var japanese = Localization.PortalCultures.IsJapanese;
        var inYear = db.SatisfactionSurveys.Where(s => s.SentAt >= from && s.SentAt < to);

        var serviceCounts = await inYear.GroupBy(s => s.ServiceId)
            .Select(g => new { g.Key, Sent = g.Count(), Answered = g.Count(s => s.AnsweredAt != null), Average = g.Average(s => (double?)s.Score) })
            .ToListAsync(cancellationToken);
        var csmCounts = await inYear.GroupBy(s => s.CsmId)
            .Select(g => new { g.Key, Sent = g.Count(), Answered = g.Count(s => s.AnsweredAt != null), Average = g.Average(s => (double?)s.Score) })
            .ToListAsync(cancellationToken);
        var serviceIds = serviceCounts.Select(g => g.Key).ToList();
        var serviceNames = await db.Catalogue.Where(c => serviceIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => japanese ? c.NameJa : c.NameEn, cancellationToken);
        var csmIds = csmCounts.Where(g => g.Key != null).Select(g => g.Key!.Value).ToList();
        var csmNames = await db.People.IgnoreQueryFilters().Where(p => csmIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var byService = serviceCounts.Select(g => new Group(g.Key, serviceNames.GetValueOrDefault(g.Key, g.Key), g.Sent, g.Answered, g.Average)).ToList();
        var byCsm = csmCounts.Select(g => new Group(g.Key?.ToString() ?? "", g.Key is { } id ? csmNames.GetValueOrDefault(id, "") : "", g.Sent, g.Answered, g.Average)).ToList();
        var comments = await (from s in inYear.Where(s => s.AnsweredAt != null && s.Comment != null)
                              join a in db.Applications on s.ApplicationId equals a.Id
                              join co in db.Companies on s.CompanyId equals co.Id
                              orderby s.AnsweredAt descending, s.Id
                              select new { s.AnsweredAt, a.Number, Company = co.Name, s.ServiceId, s.Score, s.Comment })
            .Take(allRows ? int.MaxValue : LatestComments).ToListAsync(cancellationToken);
        var commentCount = allRows ? comments.Count : await inYear.CountAsync(s => s.AnsweredAt != null && s.Comment != null, cancellationToken);

        string[] groupHeaders = [text["Csat.Sent"], text["Csat.AnsweredCount"], text["Csat.ResponseRate"], text["Csat.Average"]];
        return
        [
            GroupTable(Services, text["Csat.ByService"], text["Csat.Service"], byService.OrderBy(g => g.Key, StringComparer.Ordinal), groupHeaders),
            GroupTable(Csms, text["Csat.ByCsm"], text["Csat.Csm"], byCsm.Select(g => g with { Name = g.Name.Length > 0 ? g.Name : text["Csat.NoCsm"] }).OrderBy(g => g.Name, StringComparer.Ordinal), groupHeaders),
            new DashboardTable(Comments, text["Csat.LatestComments"],
                [text["Csat.AnsweredAt"], text["Csat.Application"], text["Csat.Company"], text["Csat.Service"], text["Csat.Score"], text["Csat.Comment"]],
                [.. comments.Select(c => (IReadOnlyList<string>)[Localization.PortalCultures.DateTime(c.AnsweredAt!.Value), c.Number, c.Company, c.ServiceId,
                    c.Score?.ToString(CultureInfo.InvariantCulture) ?? "", c.Comment ?? ""])],
                new HashSet<int> { 4 }, commentCount),
        ];
    }

    private static DashboardTable GroupTable(string key, string title, string first, IEnumerable<Group> groups, string[] headers)
    {
        var rows = groups.Select(g => (IReadOnlyList<string>)[g.Name, N(g.Sent), N(g.Answered),
            g.Sent == 0 ? "" : (100.0 * g.Answered / g.Sent).ToString("0.0", CultureInfo.InvariantCulture) + "%",
            g.Average is { } avg ? avg.ToString("0.00", CultureInfo.InvariantCulture) : "-"]).ToList();
        return new DashboardTable(key, title, [first, .. headers], rows, new HashSet<int> { 1, 2, 3, 4 }, rows.Count);
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Group(string Key, string Name, int Sent, int Answered, double? Average);
}
