using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Tickets;

/// <summary>
/// One row per company and fiscal year. It holds no balance (the ledger does); it is the row
/// that every balance-changing operation locks (<c>SELECT … FOR UPDATE</c>), so concurrent spends
/// of one company serialise, and it records the once-a-year events so the rollover is idempotent.
/// </summary>
public sealed class TicketAccount : ICompanyOwned
{
    public Guid CompanyId { get; init; }

    public int FiscalYear { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the yearly grant of the rank was written (at most once per year).</summary>
    public DateTimeOffset? AnnualGrantAt { get; set; }

    /// <summary>When the year's unused tickets lapsed; a later refund into this year lapses at once.</summary>
    public DateTimeOffset? LapsedAt { get; set; }
}

internal sealed class TicketAccountConfiguration : IEntityTypeConfiguration<TicketAccount>
{
    public void Configure(EntityTypeBuilder<TicketAccount> builder)
    {
        builder.ToTable("ticket_accounts");
        builder.HasKey(a => new { a.CompanyId, a.FiscalYear });
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
