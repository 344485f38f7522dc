using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Ranks;

/// <summary>Why a company holds a rank in a fiscal year.</summary>
public enum RankSource
{
    /// <summary>Computed on 1 April from last calendar year's transactions (RANK-2).</summary>
    Rollover,

    /// <summary>Set at a mid-year enrolment (RANK-3).</summary>
    Enrolment,

    /// <summary>Set by an admin with a reason (RANK-3).</summary>
    Override,
}

/// <summary>
/// An append-only record of a company's rank for a fiscal year; the latest one for the year is
/// the rank in force, the earlier ones are the audit trail.
/// </summary>
public sealed class RankAssignment : ICompanyOwned
{
    public long Id { get; init; }

    public Guid CompanyId { get; init; }

    public int FiscalYear { get; init; }

    public Rank Rank { get; init; }

    public RankSource Source { get; init; }

    /// <summary>The calendar year and amount the rank was computed from, when computed.</summary>
    public int? BasisCalendarYear { get; init; }

    public long? BasisAmountYen { get; init; }

    public string? Reason { get; init; }

    /// <summary>The staff member who set it; null for the system.</summary>
    public Guid? SetBy { get; init; }

    public DateTimeOffset SetAt { get; init; }
}

/// <summary>A company's cloudpack transaction amount for one calendar year (the RANK-2 basis).</summary>
public sealed class AnnualTransaction : ICompanyOwned
{
    public Guid CompanyId { get; init; }

    public int CalendarYear { get; init; }

    public long AmountYen { get; set; }

    public Guid? RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>xmin: a staff edit names the version it saw (someone else's save in between answers a conflict).</summary>
    public uint RowVersion { get; set; }
}

internal sealed class RankAssignmentConfiguration : IEntityTypeConfiguration<RankAssignment>
{
    public void Configure(EntityTypeBuilder<RankAssignment> builder)
    {
        builder.ToTable("rank_assignments", t => t.HasCheckConstraint(
            "ck_rank_assignments_override_reason", "source <> 'Override' OR (reason IS NOT NULL AND set_by IS NOT NULL)"));
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Rank).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.HasIndex(r => new { r.CompanyId, r.FiscalYear, r.Id });
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AnnualTransactionConfiguration : IEntityTypeConfiguration<AnnualTransaction>
{
    public void Configure(EntityTypeBuilder<AnnualTransaction> builder)
    {
        builder.ToTable("annual_transactions", t => t.HasCheckConstraint("ck_annual_transactions_amount", "amount_yen >= 0"));
        builder.HasKey(t => new { t.CompanyId, t.CalendarYear });
        builder.Property(t => t.RowVersion).IsRowVersion();
        builder.HasOne<Company>().WithMany().HasForeignKey(t => t.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
