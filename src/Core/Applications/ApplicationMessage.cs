using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Applications;

/// <summary>APP-2: one message of the conversation between the company and the CSM about an application.</summary>
public sealed class ApplicationMessage : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ApplicationId { get; init; }

    public Guid CompanyId { get; init; }

    public Guid AuthorId { get; init; }

    /// <summary>Written by provider staff (shown as the CSM's side).</summary>
    public bool FromStaff { get; init; }

    /// <summary>Plain text, at most <see cref="ConversationLimits.MaxBodyLength"/> characters; shown escaped, never as HTML.</summary>
    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<MessageAttachment> Attachments { get; init; } = [];
}

/// <summary>A file attached to a message, stored in PostgreSQL. Only content types that cannot run in a browser are accepted.</summary>
public sealed class MessageAttachment : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid MessageId { get; init; }

    public Guid ApplicationId { get; init; }

    public Guid CompanyId { get; init; }

    /// <summary>The uploader's file name, cleaned of paths and control characters.</summary>
    public required string FileName { get; init; }

    /// <summary>The content type we determined (never the client's claim).</summary>
    public required string ContentType { get; init; }

    public long Size { get; init; }

    /// <summary>SHA-256 of the content, hex.</summary>
    public required string Sha256 { get; init; }

    public required byte[] Content { get; init; }
}

internal sealed class ApplicationMessageConfiguration : IEntityTypeConfiguration<ApplicationMessage>
{
    public void Configure(EntityTypeBuilder<ApplicationMessage> builder)
    {
        builder.ToTable("application_messages");
        builder.Property(m => m.Body).HasMaxLength(ConversationLimits.MaxBodyLength);
        builder.HasIndex(m => new { m.ApplicationId, m.CreatedAt });
        builder.HasOne<ServiceApplication>().WithMany().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageAttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> builder)
    {
        builder.ToTable("message_attachments", t => t.HasCheckConstraint("ck_message_attachments_size", $"size > 0 AND size <= {ConversationLimits.MaxAttachmentBytes}"));
        builder.Property(a => a.FileName).HasMaxLength(ConversationLimits.MaxFileNameLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.HasIndex(a => a.ApplicationId);
    }
}
