using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Portal.Audit;

/// <summary>Who did what to which account, when (USER-2 and every account change).</summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset At { get; init; }

    /// <summary>The acting user; null for the system (seeders, jobs).</summary>
    public Guid? ActorUserId { get; init; }

    public required string ActorEmail { get; init; }

    /// <summary>A stable verb, e.g. <c>user.created</c>, <c>user.login-reissued</c>, <c>user.mfa-reset</c>.</summary>
    public required string Action { get; init; }

    public Guid? TargetUserId { get; init; }

    public Guid? CompanyId { get; init; }

    /// <summary>Human-readable detail; never a password, code or secret.</summary>
    public string? Detail { get; init; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.ActorEmail).HasMaxLength(254);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.HasIndex(a => a.TargetUserId);
        builder.HasIndex(a => a.At);
    }
}
