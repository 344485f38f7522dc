using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.BasicService;

/// <summary>Where out-of-scope build or configuration work goes (SCOPE-1).</summary>
public enum QuoteRoute
{
    /// <summary>The AWS account is under a maintenance contract: the provider's team does it within that contract, coordinated in Backlog.</summary>
    MaintenanceContract,

    /// <summary>No maintenance contract covers it: a separate (paid) quote, outside the free programme (PRICE-1).</summary>
    SeparateQuote,
}

/// <summary>
/// SCOPE-1 / PRICE-1: the programme itself is free; work a proposal recommends is outside it.
/// The portal records the customer's request here and the route it takes.
/// </summary>
public sealed class QuoteRequest : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    /// <summary>The linked AWS account the work concerns, if any.</summary>
    public Guid? AwsAccountId { get; init; }

    public required string Description { get; init; }

    public QuoteRoute Route { get; init; }

    /// <summary>The Backlog project of the account when routed to its maintenance contract (BAS-4).</summary>
    public string? BacklogProjectKey { get; init; }

    public Guid RequestedBy { get; init; }

    public DateTimeOffset RequestedAt { get; init; }
}

internal sealed class QuoteRequestConfiguration : IEntityTypeConfiguration<QuoteRequest>
{
    public void Configure(EntityTypeBuilder<QuoteRequest> builder)
    {
        builder.ToTable("quote_requests");
        builder.Property(q => q.Description).HasMaxLength(4000);
        builder.Property(q => q.Route).HasConversion<string>().HasMaxLength(32);
        builder.Property(q => q.BacklogProjectKey).HasMaxLength(32);
        builder.HasIndex(q => q.CompanyId);
        builder.HasOne<Company>().WithMany().HasForeignKey(q => q.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AwsAccount>().WithMany().HasForeignKey(q => q.AwsAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
