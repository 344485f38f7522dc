using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Applications;

/// <summary>Where an application stands, as the customer and the CSM see it.</summary>
public enum ApplicationStatus
{
    /// <summary>Applied; tickets reserved; waiting for the CSM.</summary>
    Submitted,

    /// <summary>The CSM proposed content and date; waiting for the customer's answer.</summary>
    Scheduling,

    /// <summary>Date agreed; waiting for the day.</summary>
    Scheduled,

    /// <summary>The day has come; the CSM records the outcome.</summary>
    InProgress,

    /// <summary>Done; tickets spent.</summary>
    Completed,

    /// <summary>Cancelled before the service was delivered; tickets returned (TKT-5).</summary>
    Cancelled,
}

/// <summary>
/// ADV-2, APP-1: a company's application for a catalogue service. It holds the ticket
/// reservation (TKT-3) and is the correlation id of the service's workflow instance.
/// </summary>
public sealed class ServiceApplication : ICompanyOwned
{
    /// <summary>Id; also the form's submission key, so a form posted twice is one application.</summary>
    public Guid Id { get; init; }

    public Guid CompanyId { get; init; }

    /// <summary>The catalogue entry (e.g. <c>TRAIN-1</c>).</summary>
    public required string ServiceId { get; init; }

    /// <summary>A number people can say on the phone, e.g. <c>A-2026-00042</c>.</summary>
    public required string Number { get; init; }

    public ApplicationStatus Status { get; set; }

    /// <summary>The representative who applied (APP-1).</summary>
    public Guid AppliedBy { get; init; }

    public DateTimeOffset AppliedAt { get; init; }

    /// <summary>The ticket reservation made at application.</summary>
    public Guid ReservationId { get; init; }

    /// <summary>The workflow instance that fulfils it.</summary>
    public Guid WorkflowInstanceId { get; init; }

    /// <summary>What the customer asked for (jsonb; the service's application form).</summary>
    public required string Details { get; init; }

    /// <summary>The version of the service's apply form it was made under (<see cref="Catalogue.ApplyFormVersion"/>); null before forms had versions.</summary>
    public int? ApplyFormVersion { get; init; }

    /// <summary>ADV-1: the ticket cost of the service when applied for; a later catalogue change does not touch it.</summary>
    public int TicketCost { get; init; }

    /// <summary>ADV-1, WEB-3: whether the customer may cancel, as the catalogue said when applied for.</summary>
    public bool CustomerCancellable { get; init; } = true;

    /// <summary>WEB-2: the terms document accepted when applying (its id), if the form asked for one.</summary>
    public string? TermsId { get; init; }

    /// <summary>WEB-2: the version of the terms accepted.</summary>
    public int? TermsVersion { get; init; }

    /// <summary>The agreed date of the session, once agreed.</summary>
    public DateTimeOffset? ScheduledAt { get; set; }

    /// <summary>The CSM who took it on (set when a CSM first completes one of its tasks).</summary>
    public Guid? CsmId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public Guid? ClosedBy { get; set; }

    /// <summary>Why it was cancelled.</summary>
    public string? CloseReason { get; set; }

    public bool IsOpen => Status is not (ApplicationStatus.Completed or ApplicationStatus.Cancelled);

    /// <summary>The session has begun (its day reached, or its agreed start passed): the customer can no longer cancel (TKT-5).</summary>
    public bool HasStarted(DateTimeOffset now) => Status == ApplicationStatus.InProgress || ScheduledAt <= now;
}

internal sealed class ServiceApplicationConfiguration : IEntityTypeConfiguration<ServiceApplication>
{
    public void Configure(EntityTypeBuilder<ServiceApplication> builder)
    {
        builder.ToTable("applications");
        builder.Property(a => a.ServiceId).HasMaxLength(32);
        builder.Property(a => a.Number).HasMaxLength(32);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Details).HasColumnType("jsonb");
        builder.Property(a => a.CloseReason).HasMaxLength(1000);
        builder.Property(a => a.CustomerCancellable).HasDefaultValue(true);
        builder.Property(a => a.TermsId).HasMaxLength(64);
        builder.HasIndex(a => a.Number).IsUnique();
        builder.HasIndex(a => new { a.CompanyId, a.AppliedAt });
        builder.HasIndex(a => a.ReservationId).IsUnique();
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.AppliedBy).OnDelete(DeleteBehavior.Restrict);
    }
}
