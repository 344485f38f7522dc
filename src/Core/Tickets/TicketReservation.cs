using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Tickets;

public enum TicketReservationStatus
{
    /// <summary>Spent from the balance, waiting for the workflow to confirm that the application started.</summary>
    Held,

    /// <summary>The application is under way; the spend stands unless it is later refunded.</summary>
    Confirmed,

    /// <summary>The tickets went back to the company (a Refund entry).</summary>
    Released,
}

/// <summary>Why reserved tickets go back (TKT-5).</summary>
public enum TicketReleaseCause
{
    /// <summary>The application's workflow failed to start.</summary>
    StartFailed,

    /// <summary>Staff rejected the application.</summary>
    Rejected,

    /// <summary>The customer cancelled: refused for services that cannot be cancelled (WEB-3).</summary>
    CancelledByCustomer,

    /// <summary>Staff cancelled it (e.g. the partner cannot take it), always refunded.</summary>
    CancelledByStaff,
}

/// <summary>The tickets an application spent; one per application (idempotency key).</summary>
public sealed class TicketReservation : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    public int FiscalYear { get; init; }

    public Guid ApplicationId { get; init; }

    public string? ServiceId { get; init; }

    public int Cost { get; init; }

    public TicketReservationStatus Status { get; set; }

    public Guid? CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    public TicketReleaseCause? ReleaseCause { get; set; }

    public string? ReleaseReason { get; set; }
}

internal sealed class TicketReservationConfiguration : IEntityTypeConfiguration<TicketReservation>
{
    public void Configure(EntityTypeBuilder<TicketReservation> builder)
    {
        builder.ToTable("ticket_reservations", t => t.HasCheckConstraint("ck_ticket_reservations_cost", "cost > 0"));
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ReleaseCause).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.ServiceId).HasMaxLength(32);
        builder.Property(r => r.ReleaseReason).HasMaxLength(1000);
        builder.HasIndex(r => r.ApplicationId).IsUnique();
        builder.HasIndex(r => new { r.ServiceId, r.FiscalYear });
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
