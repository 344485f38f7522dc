using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Reports;

/// <summary>Where a report template version stands.</summary>
public enum ReportTemplateStatus
{
    /// <summary>The version the next report of its service and culture uses (at most one per service and culture).</summary>
    Published,

    /// <summary>A version that was published and has since been replaced; kept because reports record it.</summary>
    Superseded,
}

/// <summary>
/// One version of a service's report template in one language (Scriban). Versions are never edited:
/// publishing makes a new row, supersedes the old one and the next report uses it (REPORT-1).
/// </summary>
public sealed class ReportTemplate
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The catalogue id of the service (e.g. <c>ACCT-D</c>).</summary>
    public required string ServiceId { get; init; }

    /// <summary><c>ja-JP</c> or <c>en-US</c>.</summary>
    public required string Culture { get; init; }

    /// <summary>1, 2, … per service and culture.</summary>
    public int Version { get; init; }

    /// <summary>The Scriban template text.</summary>
    public required string Body { get; init; }

    public ReportTemplateStatus Status { get; set; }

    /// <summary>Who published it: a person id, or <c>seed</c> for the file shipped with the application.</summary>
    public required string PublishedBy { get; init; }

    public DateTimeOffset PublishedAt { get; init; }
}

internal sealed class ReportTemplateConfiguration : IEntityTypeConfiguration<ReportTemplate>
{
    public void Configure(EntityTypeBuilder<ReportTemplate> builder)
    {
        builder.ToTable("report_templates");
        builder.Property(t => t.ServiceId).HasMaxLength(40);
        builder.Property(t => t.Culture).HasMaxLength(10);
        builder.Property(t => t.PublishedBy).HasMaxLength(100);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(t => new { t.ServiceId, t.Culture, t.Version }).IsUnique();
        builder.HasIndex(t => new { t.ServiceId, t.Culture }).IsUnique()
            .HasFilter("status = 'Published'").HasDatabaseName("ix_report_templates_published");
    }
}
