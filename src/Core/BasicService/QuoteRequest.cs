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

/// <summary>SCOPE-1: what staff decided about a quote request.</summary>
public enum QuoteOutcome
{
    /// <summary>Not decided yet.</summary>
    Pending,

    /// <summary>A quote was sent to the customer.</summary>
    Quoted,

    /// <summary>The work is not taken on (the note says why).</summary>
    Declined,

    /// <summary>Handed to the maintenance team (within the account's maintenance contract).</summary>
    HandedToMaintenance,
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

    /// <summary>When the customer would like the work done (free text, e.g. 「7月中」).</summary>
    public string? DesiredTiming { get; init; }

    /// <summary>The inquiry it was requested from, if any.</summary>
    public Guid? InquiryId { get; init; }

    /// <summary>The application whose proposal recommended the work, if any.</summary>
    public Guid? ApplicationId { get; init; }

    public QuoteOutcome Outcome { get; set; }

    public string? OutcomeNote { get; set; }

    public Guid? OutcomeBy { get; set; }

    public DateTimeOffset? OutcomeAt { get; set; }
}

internal sealed class QuoteRequestConfiguration : IEntityTypeConfiguration<QuoteRequest>
{
    public void Configure(EntityTypeBuilder<QuoteRequest> builder)
    {
        builder.ToTable("quote_requests");
        builder.Property(q => q.Description).HasMaxLength(4000);
        builder.Property(q => q.Route).HasConversion<string>().HasMaxLength(32);
        builder.Property(q => q.BacklogProjectKey).HasMaxLength(32);
        builder.Property(q => q.DesiredTiming).HasMaxLength(QuoteRequestService.MaxTimingLength);
        builder.Property(q => q.Outcome).HasConversion<string>().HasMaxLength(32).HasDefaultValue(QuoteOutcome.Pending).HasSentinel(QuoteOutcome.Pending);
        builder.Property(q => q.OutcomeNote).HasMaxLength(QuoteRequestService.MaxNoteLength);
        builder.HasIndex(q => q.CompanyId);
        builder.HasIndex(q => new { q.Outcome, q.RequestedAt });
        builder.HasOne<Inquiries.Inquiry>().WithMany().HasForeignKey(q => q.InquiryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Applications.ServiceApplication>().WithMany().HasForeignKey(q => q.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(q => q.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AwsAccount>().WithMany().HasForeignKey(q => q.AwsAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
