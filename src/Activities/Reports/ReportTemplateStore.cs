using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudpackPlus.Activities.Reports;

/// <summary>A service and language with the version its next report uses (null when not yet seeded).</summary>
/// <param name="ServiceId">The catalogue id.</param>
/// <param name="Culture"><c>ja-JP</c> or <c>en-US</c>.</param>
/// <param name="Published">The published version, or null.</param>
public sealed record ReportTemplateSlot(string ServiceId, string Culture, ReportTemplate? Published);

/// <summary>
/// Report templates as data (<c>core.report_templates</c>): one row per version, one published per service and
/// language. When a service has no published version, the file shipped beside the assembly
/// (<c>templates/reports/&lt;SERVICE&gt;/report.&lt;culture&gt;.sbn</c>) becomes version 1. Publishing refuses a
/// template that does not parse (the published one stays) and otherwise makes the next version, which the next
/// report uses.
/// </summary>
public sealed class ReportTemplateStore(CoreDbContext db, IOptions<ReportOptions> options, TimeProvider clock, IEnumerable<IReportModelSource> sources)
{
    /// <summary>The person recorded for versions seeded from the shipped files.</summary>
    public const string SeedPublisher = "seed";

    /// <summary>The published version; seeds version 1 from the shipped file when there is none.</summary>
    /// <exception cref="InvalidOperationException">Neither a published version nor a shipped file exists.</exception>
    public async Task<ReportTemplate> PublishedAsync(string serviceId, string culture, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        if (await CurrentAsync(serviceId, culture, cancellationToken) is { } published)
        {
            return published;
        }

        var path = ShippedPath(serviceId, culture);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Report template for {serviceId} ({culture}) is neither published nor shipped at '{path}'.");
        }

        var body = await File.ReadAllTextAsync(path, cancellationToken);
        try
        {
            return await PublishAsync(serviceId, culture, body, SeedPublisher, cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another worker seeded it first: use theirs.
            db.ChangeTracker.Clear();
            return await CurrentAsync(serviceId, culture, cancellationToken)
                ?? throw new InvalidOperationException($"Report template for {serviceId} ({culture}) vanished while seeding.", e);
        }
    }

    /// <summary>Publishes <paramref name="body"/> as the next version, superseding the current one, in one transaction.</summary>
    /// <exception cref="ReportTemplateException">The template does not parse; nothing changes.</exception>
    public async Task<ReportTemplate> PublishAsync(string serviceId, string culture, string body, string publishedBy, CancellationToken cancellationToken = default)
    {
        CheckCulture(culture);
        ReportRenderer.Parse(body);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var own = db.Database.CurrentTransaction is null;
            var transaction = own ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                // One publisher per service and language at a time; the unique indexes back this up.
                await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtext({"report-template:" + serviceId + ":" + culture}))", cancellationToken);
                var versions = db.ReportTemplates.Where(t => t.ServiceId == serviceId && t.Culture == culture);
                var last = await versions.MaxAsync(t => (int?)t.Version, cancellationToken) ?? 0;
                await versions.Where(t => t.Status == ReportTemplateStatus.Published)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, ReportTemplateStatus.Superseded), cancellationToken);
                var template = new ReportTemplate
                {
                    ServiceId = serviceId, Culture = culture, Version = last + 1, Body = body,
                    Status = ReportTemplateStatus.Published, PublishedBy = publishedBy, PublishedAt = clock.GetUtcNow(),
                };
                db.ReportTemplates.Add(template);
                await db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return template;
            }
            finally
            {
                if (transaction is not null)
                {
                    await transaction.DisposeAsync();
                }
            }
        });
    }

    /// <summary>Every version of a service's template in one language, newest first.</summary>
    public async Task<IReadOnlyList<ReportTemplate>> HistoryAsync(string serviceId, string culture, CancellationToken cancellationToken = default) =>
        await db.ReportTemplates.AsNoTracking().Where(t => t.ServiceId == serviceId && t.Culture == culture)
            .OrderByDescending(t => t.Version).ToListAsync(cancellationToken);

    /// <summary>
    /// Every service that has a model source, a shipped template or a published version, in each language, with
    /// its published version.
    /// </summary>
    public async Task<IReadOnlyList<ReportTemplateSlot>> ListAsync(CancellationToken cancellationToken = default)
    {
        var published = await db.ReportTemplates.AsNoTracking().Where(t => t.Status == ReportTemplateStatus.Published).ToListAsync(cancellationToken);
        var services = sources.Select(s => s.ServiceId).Concat(published.Select(p => p.ServiceId)).Concat(ShippedServices())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return services.SelectMany(s => options.Value.Cultures.Select(c =>
            new ReportTemplateSlot(s, c, published.SingleOrDefault(p => p.ServiceId == s && p.Culture == c)))).ToList();
    }

    /// <summary>The shared layout for a language (<c>templates/reports/_layout.&lt;culture&gt;.sbn</c>).</summary>
    public async Task<string> LayoutAsync(string culture, CancellationToken cancellationToken = default)
    {
        CheckCulture(culture);
        return await File.ReadAllTextAsync(Path.Combine(options.Value.TemplateDirectory, $"_layout.{culture}.sbn"), cancellationToken);
    }

    private Task<ReportTemplate?> CurrentAsync(string serviceId, string culture, CancellationToken cancellationToken) =>
        db.ReportTemplates.AsNoTracking()
            .SingleOrDefaultAsync(t => t.ServiceId == serviceId && t.Culture == culture && t.Status == ReportTemplateStatus.Published, cancellationToken);

    private string ShippedPath(string serviceId, string culture)
    {
        CheckCulture(culture);
        if (serviceId.IndexOfAny(['/', '\\', '.']) >= 0)
        {
            throw new ArgumentException($"'{serviceId}' is not a service id.", nameof(serviceId));
        }

        return Path.Combine(options.Value.TemplateDirectory, serviceId, $"report.{culture}.sbn");
    }

    private IEnumerable<string> ShippedServices() =>
        Directory.Exists(options.Value.TemplateDirectory)
            ? Directory.EnumerateDirectories(options.Value.TemplateDirectory).Select(Path.GetFileName).OfType<string>()
            : [];

    private void CheckCulture(string culture)
    {
        if (!options.Value.Cultures.Contains(culture, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{culture}' is not a report language.", nameof(culture));
        }
    }
}
