using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.WebScan;

/// <summary>
/// WEB-7: one line of a scan's statistics, as the partner may keep them: a vulnerability type and its count, the
/// company's industry and the scan period. Deliberately without the company, its name or any URL: the row is what
/// may leave the platform. The application id only keys the row (re-recording a scan replaces its lines) and is never
/// exported.
/// </summary>
public sealed class ScanFinding
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ApplicationId { get; init; }

    /// <summary>Fiscal year (start year) of the scan's first day.</summary>
    public int FiscalYear { get; init; }

    public required string VulnerabilityType { get; init; }

    public int Count { get; init; }

    /// <summary>The company's industry when the scan was recorded (empty when not known).</summary>
    public required string Industry { get; init; }

    public DateOnly ScanFrom { get; init; }

    public DateOnly ScanTo { get; init; }
}

internal sealed class ScanFindingConfiguration : IEntityTypeConfiguration<ScanFinding>
{
    public void Configure(EntityTypeBuilder<ScanFinding> builder)
    {
        builder.ToTable("scan_findings", t => t.HasCheckConstraint("ck_scan_findings_count", "count >= 0 AND scan_to >= scan_from"));
        builder.Property(f => f.VulnerabilityType).HasMaxLength(200);
        builder.Property(f => f.Industry).HasMaxLength(100);
        builder.HasIndex(f => f.FiscalYear);
        builder.HasIndex(f => new { f.ApplicationId, f.VulnerabilityType }).IsUnique();
    }
}
