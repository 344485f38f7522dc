using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Applications;

/// <summary>
/// APP-1: a file uploaded with an apply form's <c>file</c> field, stored in PostgreSQL with the application
/// (same transaction) and checked by the same rules as conversation attachments (<see cref="AttachmentPolicy"/>).
/// </summary>
public sealed class ApplicationFile : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ApplicationId { get; init; }

    public Guid CompanyId { get; init; }

    /// <summary>The form field the file was uploaded in.</summary>
    public required string Field { get; init; }

    /// <summary>The uploader's file name, cleaned of paths and control characters.</summary>
    public required string FileName { get; init; }

    /// <summary>The content type we determined (never the client's claim).</summary>
    public required string ContentType { get; init; }

    public long Size { get; init; }

    /// <summary>SHA-256 of the content, hex.</summary>
    public required string Sha256 { get; init; }

    public required byte[] Content { get; init; }
}

internal sealed class ApplicationFileConfiguration : IEntityTypeConfiguration<ApplicationFile>
{
    public void Configure(EntityTypeBuilder<ApplicationFile> builder)
    {
        builder.ToTable("application_files", t => t.HasCheckConstraint("ck_application_files_size", $"size > 0 AND size <= {ConversationLimits.MaxAttachmentBytes}"));
        builder.Property(a => a.Field).HasMaxLength(100);
        builder.Property(a => a.FileName).HasMaxLength(ConversationLimits.MaxFileNameLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.HasIndex(a => a.ApplicationId);
        builder.HasOne<ServiceApplication>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
