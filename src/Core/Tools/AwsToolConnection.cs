using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Tools;

/// <summary>Where the read-only role of a linked account stands for the tools (TOOL-1 set-up).</summary>
public enum AwsConnectionState
{
    /// <summary>Never tested, or disconnected by the representative.</summary>
    NotConnected,

    /// <summary>The role was assumed and every permission the tools need answered.</summary>
    Connected,

    /// <summary>The role was assumed but AWS refused some actions (listed).</summary>
    MissingPermissions,

    /// <summary>The role could not be assumed (missing, wrong trust policy, or an old external id).</summary>
    NotAssumable,

    /// <summary>AWS did not answer (throttled, unavailable); try again later.</summary>
    Failed,
}

/// <summary>The last "test connection" of one linked account's read-only role (one row per company and account).</summary>
public sealed class AwsToolConnection : ICompanyOwned
{
    public Guid CompanyId { get; init; }

    public required string AccountId { get; init; }

    public AwsConnectionState State { get; set; }

    /// <summary>The IAM actions AWS refused at the last test, comma-separated.</summary>
    public string? MissingPermissions { get; set; }

    /// <summary>False when the last test found no Business support plan (Trusted Advisor is unavailable).</summary>
    public bool? SupportPlan { get; set; }

    /// <summary>The error kind of a failed test (AwsErrorKind name), for the message shown.</summary>
    public string? ErrorKind { get; set; }

    public DateTimeOffset? CheckedAt { get; set; }

    public Guid? CheckedBy { get; set; }
}

/// <summary>A cached answer of AWS for one tool and account (Cost Explorer charges per request), with its fetch time.</summary>
public sealed class AwsToolSnapshot : ICompanyOwned
{
    public Guid CompanyId { get; init; }

    public required string AccountId { get; init; }

    public CustomerTool Tool { get; init; }

    /// <summary>The tool's data as JSON (the Portal's snapshot shape); null until the first fetch finished.</summary>
    public string? Payload { get; set; }

    public DateTimeOffset? FetchedAt { get; set; }

    /// <summary>Set while a refresh job runs; cleared when it ends.</summary>
    public DateTimeOffset? RefreshStartedAt { get; set; }

    /// <summary>Progress of the running refresh, 0–100.</summary>
    public int Progress { get; set; }

    /// <summary>The error kind of the last failed refresh (AwsErrorKind name or SupportPlanRequired); null after a success.</summary>
    public string? ErrorKind { get; set; }

    /// <summary>The missing permission of the last refused refresh.</summary>
    public string? ErrorDetail { get; set; }

    public uint RowVersion { get; set; }
}

internal sealed class AwsToolConnectionConfiguration : IEntityTypeConfiguration<AwsToolConnection>
{
    public void Configure(EntityTypeBuilder<AwsToolConnection> builder)
    {
        builder.ToTable("aws_tool_connections");
        builder.HasKey(c => new { c.CompanyId, c.AccountId });
        builder.Property(c => c.AccountId).HasMaxLength(12).IsFixedLength();
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.MissingPermissions).HasMaxLength(2000);
        builder.Property(c => c.ErrorKind).HasMaxLength(64);
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AwsToolSnapshotConfiguration : IEntityTypeConfiguration<AwsToolSnapshot>
{
    public void Configure(EntityTypeBuilder<AwsToolSnapshot> builder)
    {
        builder.ToTable("aws_tool_snapshots");
        builder.HasKey(s => new { s.CompanyId, s.AccountId, s.Tool });
        builder.Property(s => s.AccountId).HasMaxLength(12).IsFixedLength();
        builder.Property(s => s.Tool).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Payload).HasColumnType("jsonb");
        builder.Property(s => s.ErrorKind).HasMaxLength(64);
        builder.Property(s => s.ErrorDetail).HasMaxLength(500);
        builder.Property(s => s.RowVersion).IsRowVersion();
        builder.HasOne<Company>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}
