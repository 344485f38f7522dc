using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.FiscalYears;

/// <summary>The fiscal-year rollover into <see cref="FiscalYear"/>: when it ran and how it ended.</summary>
public sealed class RolloverRun
{
    public int FiscalYear { get; init; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int CompaniesProcessed { get; set; }

    /// <summary>What triggered the run that completed it (schedule, catch-up on start, staff).</summary>
    public required string TriggeredBy { get; set; }
}

/// <summary>What the rollover did for one company: lapse, new rank (and its basis), grant.</summary>
public sealed class RolloverCompanyResult : ICompanyOwned
{
    public int FiscalYear { get; init; }

    public Guid CompanyId { get; init; }

    public Rank? PreviousRank { get; init; }

    public Rank? NewRank { get; init; }

    public long? BasisAmountYen { get; init; }

    public int LapsedTickets { get; init; }

    public int GrantedTickets { get; init; }

    public int BasicProposalsAllowed { get; init; }

    public required string Note { get; init; }

    public DateTimeOffset At { get; init; }
}

internal sealed class RolloverRunConfiguration : IEntityTypeConfiguration<RolloverRun>
{
    public void Configure(EntityTypeBuilder<RolloverRun> builder)
    {
        builder.ToTable("rollover_runs");
        builder.HasKey(r => r.FiscalYear);
        builder.Property(r => r.FiscalYear).ValueGeneratedNever();
        builder.Property(r => r.TriggeredBy).HasMaxLength(32);
    }
}

internal sealed class RolloverCompanyResultConfiguration : IEntityTypeConfiguration<RolloverCompanyResult>
{
    public void Configure(EntityTypeBuilder<RolloverCompanyResult> builder)
    {
        builder.ToTable("rollover_company_results");
        builder.HasKey(r => new { r.FiscalYear, r.CompanyId });
        builder.Property(r => r.PreviousRank).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.NewRank).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Note).HasMaxLength(500);
    }
}
