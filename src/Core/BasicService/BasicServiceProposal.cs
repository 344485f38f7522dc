using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.BasicService;

/// <summary>Where a basic-service cycle stands (BAS-3).</summary>
public enum BasicCycleStatus
{
    /// <summary>Hearing, investigation or proposal under way: holds one of the FY's proposals, not counted yet.</summary>
    InProgress,

    /// <summary>The proposal was delivered: counted as one proposal of the FY (BAS-1); improvement and measurement follow.</summary>
    Delivered,

    /// <summary>Effect measured; the cycle is done.</summary>
    Completed,

    /// <summary>Stopped by staff before the proposal: its proposal is free again.</summary>
    Cancelled,
}

/// <summary>
/// One cycle of the basic service "cloud optimisation support" (BAS-3), counted against the
/// company's yearly proposal allowance (BAS-1) once its proposal is delivered. Started by the CSM (BAS-2).
/// </summary>
public sealed class BasicServiceProposal : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    public int FiscalYear { get; init; }

    public required string Title { get; init; }

    public Guid StartedBy { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public BasicCycleStatus Status { get; set; }

    /// <summary>The workflow instance (definition <c>bas</c>) that runs the cycle; its correlation id is this row's id.</summary>
    public Guid? WorkflowInstanceId { get; init; }

    /// <summary>When the proposal was delivered: from then on the cycle counts (BAS-1).</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The proposal as delivered to the customer.</summary>
    public string? Proposal { get; set; }

    /// <summary>The linked AWS account the improvement work concerned (BAS-4 decides where its report goes).</summary>
    public Guid? AwsAccountId { get; set; }

    /// <summary>The work report; shown in the portal when no maintenance contract covers the account (BAS-4).</summary>
    public string? WorkReport { get; set; }

    public DateTimeOffset? ReportedAt { get; set; }

    /// <summary>The Backlog issue the report was posted as (account under a maintenance contract, BAS-4).</summary>
    public string? BacklogIssueKey { get; set; }

    public string? BacklogIssueUrl { get; set; }

    /// <summary>The measured effect (the last step).</summary>
    public string? Effect { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool ReportedInBacklog => BacklogIssueKey is not null;
}

internal sealed class BasicServiceProposalConfiguration : IEntityTypeConfiguration<BasicServiceProposal>
{
    public void Configure(EntityTypeBuilder<BasicServiceProposal> builder)
    {
        builder.ToTable("basic_service_proposals");
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16).HasDefaultValue(BasicCycleStatus.InProgress).HasSentinel(BasicCycleStatus.InProgress);
        builder.Property(p => p.Proposal).HasMaxLength(10_000);
        builder.Property(p => p.WorkReport).HasMaxLength(10_000);
        builder.Property(p => p.Effect).HasMaxLength(10_000);
        builder.Property(p => p.BacklogIssueKey).HasMaxLength(64);
        builder.Property(p => p.BacklogIssueUrl).HasMaxLength(500);
        builder.HasIndex(p => new { p.CompanyId, p.FiscalYear });
        builder.HasIndex(p => p.WorkflowInstanceId).IsUnique();
        builder.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AwsAccount>().WithMany().HasForeignKey(p => p.AwsAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
