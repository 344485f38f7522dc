using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Reports;

/// <summary>What a delivered document is (REPORT-1).</summary>
public enum DeliveredKind
{
    /// <summary>A service's report (PDF and HTML), made from a report template.</summary>
    Report,

    /// <summary>A basic-service cycle's proposal (BAS-3).</summary>
    Proposal,

    /// <summary>A basic-service cycle's work report delivered in the portal, not posted to Backlog (BAS-4).</summary>
    WorkReport,
}

/// <summary>One delivered document as the 「レポート」 list shows it; application and template version only for reports.</summary>
public sealed class DeliveredDocument
{
    public DeliveredKind Kind { get; init; }

    public Guid Id { get; init; }

    public Guid? ApplicationId { get; init; }

    public string? ApplicationNumber { get; init; }

    public string ServiceName { get; init; } = "";

    public string? Title { get; init; }

    public DateTimeOffset DeliveredAt { get; init; }

    public int? TemplateVersion { get; init; }

    /// <summary>The report's language (a service's report is made in Japanese and in English); null for the others.</summary>
    public string? Culture { get; init; }
}

/// <summary>
/// REPORT-1: every document delivered to one company, newest first, a page at a time: service reports, basic-service
/// proposals and the work reports delivered in the portal (those posted to Backlog live there). The search looks in the
/// service, the application number and the title.
/// </summary>
public sealed class DeliveredDocuments(CoreDbContext db)
{
    /// <summary>One page of the company's documents; <c>basicServiceName</c> is the basic service's name in the reader's language (its documents have no catalogue entry).</summary>
    public Task<Paged<DeliveredDocument>> PageAsync(Guid companyId, bool japanese, string basicServiceName, string? search, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        var reports =
            from r in db.Reports.AsNoTracking()
            join a in db.Applications.AsNoTracking() on r.ApplicationId equals a.Id
            join s in db.Catalogue.AsNoTracking() on r.ServiceId equals s.Id into services
            from s in services.DefaultIfEmpty()
            where r.CompanyId == companyId
            select new DeliveredDocument
            {
                Kind = DeliveredKind.Report, Id = r.Id, ApplicationId = a.Id, ApplicationNumber = a.Number,
                ServiceName = s == null ? r.ServiceId : (japanese ? s.NameJa : s.NameEn), Title = null,
                DeliveredAt = r.GeneratedAt, TemplateVersion = r.TemplateVersion, Culture = r.Culture,
            };
        var cycles = db.BasicServiceProposals.AsNoTracking().Where(p => p.CompanyId == companyId);
        var proposals = cycles.Where(p => p.DeliveredAt != null && p.Proposal != null).Select(p => new DeliveredDocument
        {
            Kind = DeliveredKind.Proposal, Id = p.Id, ApplicationId = null, ApplicationNumber = null, ServiceName = basicServiceName, Title = p.Title,
            DeliveredAt = p.DeliveredAt!.Value, TemplateVersion = null, Culture = null,
        });
        var workReports = cycles.Where(p => p.ReportedAt != null && p.WorkReport != null && p.BacklogIssueKey == null).Select(p => new DeliveredDocument
        {
            Kind = DeliveredKind.WorkReport, Id = p.Id, ApplicationId = null, ApplicationNumber = null, ServiceName = basicServiceName, Title = p.Title,
            DeliveredAt = p.ReportedAt!.Value, TemplateVersion = null, Culture = null,
        });
        var all = reports.Concat(proposals).Concat(workReports);
        if (Paging.Term(search) is { } term)
        {
            var pattern = Paging.ContainsPattern(term);
            all = all.Where(d => EF.Functions.ILike(d.ServiceName, pattern) || EF.Functions.ILike(d.ApplicationNumber ?? "", pattern) || EF.Functions.ILike(d.Title ?? "", pattern));
        }

        return Paging.OfAsync(all.OrderByDescending(d => d.DeliveredAt).ThenByDescending(d => d.Id), page, pageSize, cancellationToken);
    }
}
