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
        var yearStart = year.StartsAt;
        var yearEnd = year.Next.StartsAt;
        var japanese = Localization.PortalCultures.IsJapanese;
        // One round trip (the dashboard's budget is 5 for the whole page): the year's surveys with the names they are
        // shown with, grouped here. A year holds one survey per completed application: hundreds, not millions.
        // Staff only (the dashboard): the tenant filter has nothing to narrow, and the CSM's person row is not a company's.
        var surveys = await (
                from s in db.SatisfactionSurveys.IgnoreQueryFilters().Where(s => s.SentAt >= yearStart && s.SentAt < yearEnd)
                join a in db.Applications on s.ApplicationId equals a.Id
                join co in db.Companies on s.CompanyId equals co.Id
                join c in db.Catalogue on s.ServiceId equals c.Id into services
                from c in services.DefaultIfEmpty()
                join p in db.People on s.CsmId equals p.Id into csms
                from p in csms.DefaultIfEmpty()
                select new
                {
                    s.Id, s.ServiceId, ServiceName = c == null ? null : japanese ? c.NameJa : c.NameEn, s.CsmId, CsmName = p == null ? null : p.DisplayName,
                    s.AnsweredAt, s.Score, s.Comment, a.Number, Company = co.Name,
                })
            .ToListAsync(cancellationToken);

        static Group Of(string key, string name, IEnumerable<int?> scores, int sent, int answered) =>
            new(key, name, sent, answered, scores.Any(v => v is not null) ? scores.Where(v => v is not null).Average(v => (double)v!.Value) : null);
        var byService = surveys.GroupBy(s => s.ServiceId)
            .Select(g => Of(g.Key, g.First().ServiceName ?? g.Key, g.Select(s => s.Score), g.Count(), g.Count(s => s.AnsweredAt != null))).ToList();
        var byCsm = surveys.GroupBy(s => s.CsmId)
            .Select(g => Of(g.Key?.ToString() ?? "", g.First().CsmName ?? "", g.Select(s => s.Score), g.Count(), g.Count(s => s.AnsweredAt != null))).ToList();
        var answeredWithComment = surveys.Where(s => s.AnsweredAt != null && s.Comment != null)
            .OrderByDescending(s => s.AnsweredAt).ThenBy(s => s.Id).ToList();
        var comments = answeredWithComment.Take(allRows ? int.MaxValue : LatestComments).ToList();
        var commentCount = answeredWithComment.Count;

        string[] groupHeaders = [text["Csat.Sent"], text["Csat.AnsweredCount"], text["Csat.ResponseRate"], text["Csat.Average"]];
        return
        [
            GroupTable(Services, text["Csat.ByService"], text["Csat.Service"], byService.OrderBy(g => g.Key, StringComparer.Ordinal), groupHeaders),
            GroupTable(Csms, text["Csat.ByCsm"], text["Csat.Csm"], byCsm.Select(g => g with { Name = g.Name.Length > 0 ? g.Name : text["Csat.NoCsm"] }).OrderBy(g => g.Name, StringComparer.Ordinal), groupHeaders),
            new DashboardTable(Comments, text["Csat.LatestComments"],
                [text["Csat.AnsweredAt"], text["Csat.Application"], text["Csat.Company"], text["Csat.Service"], text["Csat.Score"], text["Csat.Comment"]],
                [.. comments.Select(c => (IReadOnlyList<string>)[Localization.PortalCultures.DateTime(c.AnsweredAt!.Value), c.Number, c.Company, c.ServiceName ?? c.ServiceId,
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
