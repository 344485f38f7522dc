using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Reports;

/// <summary>
/// REPORT-1: a report made for an application, in one language, as HTML and PDF stored in PostgreSQL
/// (bytea, never the web root). Company-owned: another company's report is filtered out by the data layer.
/// </summary>
public sealed class GeneratedReport : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ApplicationId { get; init; }

    public Guid CompanyId { get; init; }

    /// <summary>The catalogue id of the service.</summary>
    public required string ServiceId { get; init; }

    /// <summary><c>ja-JP</c> or <c>en-US</c>.</summary>
    public required string Culture { get; init; }

    /// <summary>The version of the service's template that made it.</summary>
    public int TemplateVersion { get; init; }

    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The rendered HTML (UTF-8).</summary>
    public required byte[] Html { get; init; }

    /// <summary>The PDF printed from the same HTML.</summary>
    public required byte[] Pdf { get; init; }

    /// <summary>HTML and PDF bytes together.</summary>
    public long Size { get; init; }
}

internal sealed class GeneratedReportConfiguration : IEntityTypeConfiguration<GeneratedReport>
{
    public void Configure(EntityTypeBuilder<GeneratedReport> builder)
    {
        builder.ToTable("reports");
        builder.Property(r => r.ServiceId).HasMaxLength(40);
        builder.Property(r => r.Culture).HasMaxLength(10);
        builder.HasIndex(r => r.ApplicationId);
        builder.HasOne<ServiceApplication>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
