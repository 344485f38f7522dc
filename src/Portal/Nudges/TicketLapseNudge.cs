using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Portal.Nudges;

/// <summary>
/// A "use before 31 March" nudge sent to a company for one fiscal year and threshold (days before the lapse, TKT-2).
/// The key (company, year, threshold) makes the nudge once-only: a rerun or a second host inserts nothing.
/// </summary>
public sealed class TicketLapseNudge
{
    public Guid CompanyId { get; init; }

    public int FiscalYear { get; init; }

    /// <summary>The threshold this nudge answers: 60, 30 or 7 days before the tickets lapse (configurable).</summary>
    public int DaysBefore { get; init; }

    /// <summary>Tickets left when it was sent.</summary>
    public int Balance { get; init; }

    public DateTimeOffset SentAt { get; init; }
}

internal sealed class TicketLapseNudgeConfiguration : IEntityTypeConfiguration<TicketLapseNudge>
{
    public void Configure(EntityTypeBuilder<TicketLapseNudge> builder)
    {
        builder.ToTable("ticket_lapse_nudges", t => t.HasCheckConstraint("ck_ticket_lapse_nudges_days", "days_before > 0"));
        builder.HasKey(n => new { n.CompanyId, n.FiscalYear, n.DaysBefore });
    }
}

/// <summary>When the nudges go out (configuration section <c>Nudges</c>).</summary>
public sealed class TicketNudgeOptions
{
    /// <summary>Days before the fiscal year's tickets lapse (end of 31 March, Tokyo) at which a company with tickets left is nudged.</summary>
    public int[] DaysBefore { get; set; } = [60, 30, 7];

    /// <summary>The widest window: the portal shows its banner from this many days before the lapse.</summary>
    public int BannerDays => DaysBefore.Length == 0 ? 0 : DaysBefore.Max();

    /// <summary>The threshold due <paramref name="daysLeft"/> days before the lapse (the smallest one not yet passed), or null outside every window.</summary>
    public int? ThresholdFor(int daysLeft) => DaysBefore.Where(d => d > 0 && daysLeft <= d).Order().Cast<int?>().FirstOrDefault();
}
