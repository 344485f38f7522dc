using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.BasicService;

/// <summary>
/// One cycle of the basic service "cloud optimisation support" (BAS-3), counted against the
/// company's yearly proposal allowance (BAS-1). Started by the CSM (BAS-2).
/// </summary>
public sealed class BasicServiceProposal : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    public int FiscalYear { get; init; }

    public required string Title { get; init; }

    public Guid StartedBy { get; init; }

    public DateTimeOffset StartedAt { get; init; }
}

internal sealed class BasicServiceProposalConfiguration : IEntityTypeConfiguration<BasicServiceProposal>
{
    public void Configure(EntityTypeBuilder<BasicServiceProposal> builder)
    {
        builder.ToTable("basic_service_proposals");
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.HasIndex(p => new { p.CompanyId, p.FiscalYear });
        builder.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
