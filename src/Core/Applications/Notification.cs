using CloudpackPlus.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Applications;

/// <summary>
/// A message to one person about something that happened (a task waiting, a date agreed, a new
/// conversation message). Shown in the portal; the portal also e-mails it (the row is the
/// e-mail's outbox: <see cref="MailedAt"/> is set when the mail was queued).
/// </summary>
public sealed class Notification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid RecipientId { get; init; }

    /// <summary>The customer company it concerns, if any.</summary>
    public Guid? CompanyId { get; init; }

    public Guid? ApplicationId { get; init; }

    /// <summary>Stable kind, e.g. <c>task-waiting</c>, <c>message</c>.</summary>
    public required string Kind { get; init; }

    public required string TitleJa { get; init; }

    public required string TitleEn { get; init; }

    public string BodyJa { get; init; } = "";

    public string BodyEn { get; init; } = "";

    /// <summary>Portal path to open, e.g. <c>/Applications/…</c>.</summary>
    public string? Link { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>When the e-mail copy was handed to the mail outbox; null while pending.</summary>
    public DateTimeOffset? MailedAt { get; set; }

    /// <summary>
    /// Files the e-mail copy carries (jsonb: a list of <see cref="MailAttachment"/>), e.g. a meeting's calendar invite;
    /// null for none. The portal shows the notification without them.
    /// </summary>
    public string? Attachments { get; init; }

    /// <summary>The title in the reader's language; English falls back to Japanese when a writer left it empty.</summary>
    public string TitleIn(bool japanese) => japanese || string.IsNullOrWhiteSpace(TitleEn) ? TitleJa : TitleEn;

    /// <summary>The body in the reader's language, with the same fallback.</summary>
    public string BodyIn(bool japanese) => japanese || string.IsNullOrWhiteSpace(BodyEn) ? BodyJa : BodyEn;
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.Kind).HasMaxLength(64);
        builder.Property(n => n.TitleJa).HasMaxLength(300);
        builder.Property(n => n.TitleEn).HasMaxLength(300);
        builder.Property(n => n.BodyJa).HasMaxLength(4000);
        builder.Property(n => n.BodyEn).HasMaxLength(4000);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.Property(n => n.Attachments).HasColumnType("jsonb");
        builder.HasIndex(n => new { n.RecipientId, n.CreatedAt });
        builder.HasIndex(n => n.CreatedAt).HasFilter("mailed_at IS NULL").HasDatabaseName("ix_notifications_unmailed");
        builder.HasOne<Person>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}
