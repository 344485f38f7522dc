using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Tickets;

/// <summary>TKT-4: the kinds of ledger entry. The sign of the amount is fixed per kind (check constraint).</summary>
public enum TicketEntryKind
{
    /// <summary>Tickets of the rank, on 1 April or at enrolment, or a top-up after a rank override (+).</summary>
    Grant,

    /// <summary>An application's cost, written when the tickets are reserved (−).</summary>
    Spend,

    /// <summary>A released reservation: failed start, rejection or cancellation (+).</summary>
    Refund,

    /// <summary>Unused tickets at the end of the fiscal year (−, TKT-2).</summary>
    Lapse,

    /// <summary>A staff correction with a reason (±).</summary>
    Adjustment,
}

/// <summary>One append-only line of a company's ticket ledger for a fiscal year (the database refuses updates and deletes).</summary>
public sealed class TicketLedgerEntry : ICompanyOwned
{
    public long Id { get; init; }

    public Guid CompanyId { get; init; }

    public int FiscalYear { get; init; }

    public TicketEntryKind Kind { get; init; }

    /// <summary>Signed ticket count: positive adds to the balance, negative takes from it.</summary>
    public int Amount { get; init; }

    public Guid? ReservationId { get; init; }

    public Guid? ApplicationId { get; init; }

    public string? ServiceId { get; init; }

    public string? Reason { get; init; }

    /// <summary>Who caused it: a person's id, or null for the system.</summary>
    public Guid? ActorId { get; init; }

    public DateTimeOffset At { get; init; }
}

internal sealed class TicketLedgerEntryConfiguration : IEntityTypeConfiguration<TicketLedgerEntry>
{
    public void Configure(EntityTypeBuilder<TicketLedgerEntry> builder)
    {
        builder.ToTable("ticket_ledger", t => t.HasCheckConstraint("ck_ticket_ledger_sign",
            "(kind = 'Grant' AND amount > 0) OR (kind = 'Spend' AND amount < 0) OR (kind = 'Refund' AND amount > 0) " +
            "OR (kind = 'Lapse' AND amount < 0) OR (kind = 'Adjustment' AND amount <> 0 AND reason IS NOT NULL)"));
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ServiceId).HasMaxLength(32);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.HasIndex(e => new { e.CompanyId, e.FiscalYear, e.Id });
        builder.HasOne<Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
