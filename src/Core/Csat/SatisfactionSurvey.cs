using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Csat;

/// <summary>
/// CSAT (issue #15): the satisfaction survey sent to the company's representatives when an application is
/// completed. One per application (unique), answered once: score 1-5 and an optional comment.
/// </summary>
public sealed class SatisfactionSurvey : ICompanyOwned
{
    public const int MaxComment = 2000;

    public Guid Id { get; init; }

    public Guid ApplicationId { get; init; }

    public Guid CompanyId { get; init; }

    /// <summary>The catalogue entry the application was for.</summary>
    public required string ServiceId { get; init; }

    /// <summary>The application's CSM at completion (null when nobody had taken it on).</summary>
    public Guid? CsmId { get; init; }

    public DateTimeOffset SentAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>1 (very dissatisfied) to 5 (very satisfied); null while pending.</summary>
    public int? Score { get; set; }

    public string? Comment { get; set; }

    /// <summary>The representative who answered.</summary>
    public Guid? AnsweredBy { get; set; }

    public bool IsAnswered => AnsweredAt is not null;
}

internal sealed class SatisfactionSurveyConfiguration : IEntityTypeConfiguration<SatisfactionSurvey>
{
    public void Configure(EntityTypeBuilder<SatisfactionSurvey> builder)
    {
        builder.ToTable("satisfaction_surveys", t => t.HasCheckConstraint("ck_satisfaction_surveys_score", "score IS NULL OR score BETWEEN 1 AND 5"));
        builder.Property(s => s.ServiceId).HasMaxLength(32);
        builder.Property(s => s.Comment).HasMaxLength(SatisfactionSurvey.MaxComment);
        builder.Ignore(s => s.IsAnswered);
        builder.HasIndex(s => s.ApplicationId).IsUnique();
        builder.HasIndex(s => new { s.CompanyId, s.SentAt });
        builder.HasIndex(s => s.SentAt);
        builder.HasOne<ServiceApplication>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Company>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
