using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Inquiries;

/// <summary>INQ-1: what an inquiry is about. The last three are outside the programme and get a redirect text.</summary>
public enum InquiryCategory
{
    ProgrammeQuestion,
    ServiceConsultation,
    Quote,
    Other,
    Sales,
    Backlog,
    SupportDesk,
}

/// <summary>Where an inquiry stands.</summary>
public enum InquiryStatus
{
    /// <summary>Waiting on the CSMs or the customer.</summary>
    Open,

    /// <summary>Closed by staff.</summary>
    Closed,

    /// <summary>Outside the programme (sales, Backlog, the regular support desk): answered with the redirect text, never opened.</summary>
    Redirected,
}

/// <summary>INQ-1: a company user's inquiry about cloudpack+, with its conversation with the CSMs.</summary>
public sealed class Inquiry : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    /// <summary>A number people can say on the phone, e.g. <c>Q-2026-00042</c>.</summary>
    public required string Number { get; init; }

    public InquiryCategory Category { get; init; }

    public required string Subject { get; init; }

    public InquiryStatus Status { get; set; }

    public Guid OpenedBy { get; init; }

    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>The CSM who handles it; null while nobody took it (the owning CSM, or the backup, is told).</summary>
    public Guid? AssigneeId { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public Guid? ClosedBy { get; set; }

    /// <summary>The redirect text given (its version) when the category is outside the programme.</summary>
    public int? RedirectVersion { get; init; }

    public bool IsOpen => Status == InquiryStatus.Open;

    public static bool InProgramme(InquiryCategory category) => category is not (InquiryCategory.Sales or InquiryCategory.Backlog or InquiryCategory.SupportDesk);
}

internal sealed class InquiryConfiguration : IEntityTypeConfiguration<Inquiry>
{
    public void Configure(EntityTypeBuilder<Inquiry> builder)
    {
        builder.ToTable("inquiries");
        builder.Property(i => i.Number).HasMaxLength(32);
        builder.Property(i => i.Subject).HasMaxLength(InquiryLimits.MaxSubjectLength);
        builder.Property(i => i.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => new { i.CompanyId, i.OpenedAt });
        builder.HasIndex(i => new { i.Status, i.OpenedAt });
        builder.HasOne<Company>().WithMany().HasForeignKey(i => i.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.OpenedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.AssigneeId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Sizes of inquiry fields.</summary>
public static class InquiryLimits
{
    public const int MaxSubjectLength = 200;

    public const int MaxRedirectLength = 4000;
}
