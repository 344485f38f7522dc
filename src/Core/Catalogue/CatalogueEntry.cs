using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Catalogue;

/// <summary>ADV-1: the categories of advanced services.</summary>
public enum ServiceCategory
{
    CostOptimisation,
    Security,
    Training,
}

/// <summary>
/// ADV-1: one advanced service of the catalogue, as data admins edit without a redeploy.
/// Seeded with the seven services of the specification.
/// </summary>
public sealed class CatalogueEntry
{
    /// <summary>Stable id, e.g. <c>COST-C</c>.</summary>
    public required string Id { get; init; }

    public required string NameJa { get; set; }

    public required string NameEn { get; set; }

    public ServiceCategory Category { get; set; }

    public int TicketCost { get; set; }

    /// <summary>One AWS account per application (COST-L, ACCT-D, SEC-L).</summary>
    public bool OneAwsAccountPerApplication { get; set; }

    /// <summary>Ranks that may apply; empty = every rank.</summary>
    public List<Rank> AllowedRanks { get; set; } = [];

    /// <summary>Contract types of which the company must hold at least one; empty = any qualifying contract.</summary>
    public List<ContractType> AllowedContractTypes { get; set; } = [];

    /// <summary>Applications accepted per fiscal year across all companies (WEB-4); null = unlimited.</summary>
    public int? YearlyCapacity { get; set; }

    /// <summary>Whether the customer may cancel after applying (WEB-3: the scan may not).</summary>
    public bool CustomerCancellable { get; set; } = true;

    public bool IsActive { get; set; } = true;

    public int SortOrder { get; set; }

    public Guid? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public bool AllowsRank(Rank rank) => AllowedRanks.Count == 0 || AllowedRanks.Contains(rank);

    internal static CatalogueEntry[] Defaults =>
    [
        new() { Id = "COST-C", SortOrder = 10, NameJa = "コスト最適化コンサルティング", NameEn = "Cost optimisation consulting", Category = ServiceCategory.CostOptimisation, TicketCost = 10 },
        new() { Id = "COST-L", SortOrder = 20, NameJa = "コスト最適化コンサルティングLite", NameEn = "Cost optimisation consulting Lite", Category = ServiceCategory.CostOptimisation, TicketCost = 5, OneAwsAccountPerApplication = true },
        new() { Id = "ACCT-D", SortOrder = 30, NameJa = "AWSアカウント診断", NameEn = "AWS account diagnosis", Category = ServiceCategory.Security, TicketCost = 5, OneAwsAccountPerApplication = true },
        new() { Id = "SEC-C", SortOrder = 40, NameJa = "セキュリティコンサルティング", NameEn = "Security consulting", Category = ServiceCategory.Security, TicketCost = 10 },
        new() { Id = "SEC-L", SortOrder = 50, NameJa = "セキュリティコンサルティングLite", NameEn = "Security consulting Lite", Category = ServiceCategory.Security, TicketCost = 5, OneAwsAccountPerApplication = true },
        new() { Id = "TRAIN-1", SortOrder = 60, NameJa = "AWSトレーニング", NameEn = "AWS training", Category = ServiceCategory.Training, TicketCost = 2 },
        new() { Id = "WEB-L", SortOrder = 70, NameJa = "Web脆弱性診断Lite(Powered by KDSec)", NameEn = "Web vulnerability scan Lite (powered by KDSec)", Category = ServiceCategory.Security, TicketCost = 10, YearlyCapacity = 12, CustomerCancellable = false },
    ];
}

internal sealed class CatalogueEntryConfiguration : IEntityTypeConfiguration<CatalogueEntry>
{
    public void Configure(EntityTypeBuilder<CatalogueEntry> builder)
    {
        builder.ToTable("catalogue_entries", t =>
        {
            t.HasCheckConstraint("ck_catalogue_entries_cost", "ticket_cost > 0");
            t.HasCheckConstraint("ck_catalogue_entries_capacity", "yearly_capacity IS NULL OR yearly_capacity >= 0");
        });
        builder.Property(e => e.Id).HasMaxLength(32);
        builder.Property(e => e.NameJa).HasMaxLength(200);
        builder.Property(e => e.NameEn).HasMaxLength(200);
        builder.Property(e => e.Category).HasConversion<string>().HasMaxLength(32);
        builder.PrimitiveCollection(e => e.AllowedRanks).ElementType(e => e.HasConversion<string>());
        builder.PrimitiveCollection(e => e.AllowedContractTypes).ElementType(e => e.HasConversion<string>());
        builder.HasData(CatalogueEntry.Defaults);
    }
}
