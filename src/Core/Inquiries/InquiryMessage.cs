using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Inquiries;

/// <summary>INQ-1: one message of an inquiry's conversation (the same rules as an application's, APP-2).</summary>
public sealed class InquiryMessage : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid InquiryId { get; init; }

    public Guid CompanyId { get; init; }

    public Guid AuthorId { get; init; }

    public bool FromStaff { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<InquiryAttachment> Attachments { get; init; } = [];
}

/// <summary>A file attached to an inquiry message (checked by <see cref="AttachmentPolicy"/>).</summary>
public sealed class InquiryAttachment : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid MessageId { get; init; }

    public Guid InquiryId { get; init; }

    public Guid CompanyId { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public long Size { get; init; }

    public required string Sha256 { get; init; }

    public required byte[] Content { get; init; }
}

internal sealed class InquiryMessageConfiguration : IEntityTypeConfiguration<InquiryMessage>
{
    public void Configure(EntityTypeBuilder<InquiryMessage> builder)
    {
        builder.ToTable("inquiry_messages");
        builder.Property(m => m.Body).HasMaxLength(ConversationLimits.MaxBodyLength);
        builder.HasIndex(m => new { m.InquiryId, m.CreatedAt });
        builder.HasOne<Inquiry>().WithMany().HasForeignKey(m => m.InquiryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InquiryAttachmentConfiguration : IEntityTypeConfiguration<InquiryAttachment>
{
    public void Configure(EntityTypeBuilder<InquiryAttachment> builder)
    {
        builder.ToTable("inquiry_attachments", t => t.HasCheckConstraint("ck_inquiry_attachments_size", $"size > 0 AND size <= {ConversationLimits.MaxAttachmentBytes}"));
        builder.Property(a => a.FileName).HasMaxLength(ConversationLimits.MaxFileNameLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.HasIndex(a => a.InquiryId);
    }
}
