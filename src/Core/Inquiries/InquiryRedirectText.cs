using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Inquiries;

/// <summary>
/// INQ-1: the answer given to an inquiry outside the programme (sales, Backlog, the regular support desk).
/// Versioned: an edit adds a row; an inquiry keeps the version it was answered with.
/// </summary>
public sealed class InquiryRedirectText
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public InquiryCategory Category { get; init; }

    public int Version { get; init; }

    public required string TextJa { get; init; }

    public required string TextEn { get; init; }

    public Guid? UpdatedBy { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string TextIn(bool japanese) => japanese || string.IsNullOrWhiteSpace(TextEn) ? TextJa : TextEn;
}

internal sealed class InquiryRedirectTextConfiguration : IEntityTypeConfiguration<InquiryRedirectText>
{
    public void Configure(EntityTypeBuilder<InquiryRedirectText> builder)
    {
        builder.ToTable("inquiry_redirect_texts");
        builder.Property(r => r.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.TextJa).HasMaxLength(InquiryLimits.MaxRedirectLength);
        builder.Property(r => r.TextEn).HasMaxLength(InquiryLimits.MaxRedirectLength);
        builder.HasIndex(r => new { r.Category, r.Version }).IsUnique();
    }
}
