using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Companies;

/// <summary>
/// An AWS account linked to a company (ELIG-3): issued by the provider, root user held by the
/// provider, 12-digit id unique across companies. Records whether it is under a
/// monitoring/maintenance contract and, if so, its Backlog project (BAS-4).
/// </summary>
public sealed class AwsAccount : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    /// <summary>The 12-digit AWS account id (leading zeros kept).</summary>
    public required string AccountId { get; init; }

    public string? DisplayName { get; set; }

    /// <summary>Always true for a linked account: enforced by a check constraint (ELIG-3).</summary>
    public bool RootHeldByProvider { get; init; }

    public bool UnderMaintenanceContract { get; set; }

    /// <summary>The Backlog project key where changes are coordinated (BAS-4); required when under maintenance.</summary>
    public string? BacklogProjectKey { get; set; }

    public DateTimeOffset LinkedAt { get; init; }

    public Guid? LinkedBy { get; init; }

    /// <summary>When staff unlinked it; the row stays as history and the id may be linked again (ELIG-3 uniqueness is among linked accounts).</summary>
    public DateTimeOffset? UnlinkedAt { get; set; }

    public Guid? UnlinkedBy { get; set; }

    /// <summary>xmin, for optimistic concurrency.</summary>
    public uint RowVersion { get; set; }
}

internal sealed class AwsAccountConfiguration : IEntityTypeConfiguration<AwsAccount>
{
    public void Configure(EntityTypeBuilder<AwsAccount> builder)
    {
        builder.ToTable("aws_accounts", t =>
        {
            t.HasCheckConstraint("ck_aws_accounts_account_id", "account_id ~ '^[0-9]{12}$'");
            t.HasCheckConstraint("ck_aws_accounts_root_held", "root_held_by_provider");
            t.HasCheckConstraint("ck_aws_accounts_backlog", "NOT under_maintenance_contract OR backlog_project_key IS NOT NULL");
        });
        builder.Property(a => a.AccountId).HasMaxLength(12).IsFixedLength();
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.Property(a => a.BacklogProjectKey).HasMaxLength(32);
        builder.Property(a => a.RowVersion).IsRowVersion();
        // ELIG-3: unique across companies among the linked accounts; unlinked rows are history.
        builder.HasIndex(a => a.AccountId).IsUnique().HasFilter("unlinked_at IS NULL");
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
