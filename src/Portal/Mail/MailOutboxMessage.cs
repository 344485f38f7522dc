using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Portal.Mail;

/// <summary>
/// A mail to send, written in the same transaction as the change that causes it, and
/// delivered afterwards by <see cref="MailDispatchJob"/> (at least once).
/// </summary>
public sealed class MailOutboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string ToAddress { get; init; }

    public required string ToName { get; init; }

    /// <summary>The template name under <c>templates/mail</c>, e.g. <c>account-issued</c>.</summary>
    public required string Template { get; init; }

    public required string Culture { get; init; }

    public required string Subject { get; init; }

    /// <summary>The rendered text body; erased once delivered, because it may hold a temporary password.</summary>
    public string? Body { get; set; }

    /// <summary>Files the mail carries (jsonb, a list of <c>MailAttachment</c>); null for none; erased with the body once delivered.</summary>
    public string? Attachments { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>A dispatcher holds the message until then; another may take it afterwards.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

internal sealed class MailOutboxMessageConfiguration : IEntityTypeConfiguration<MailOutboxMessage>
{
    public void Configure(EntityTypeBuilder<MailOutboxMessage> builder)
    {
        builder.ToTable("mail_outbox");
        builder.Property(m => m.ToAddress).HasMaxLength(254);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Template).HasMaxLength(64);
        builder.Property(m => m.Culture).HasMaxLength(10);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.Attachments).HasColumnType("jsonb");
        builder.HasIndex(m => m.CreatedAt).HasFilter("sent_at IS NULL");
    }
}
