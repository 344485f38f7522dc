using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Companies;

/// <summary>The provider's contract types that matter to the programme (spec 1.3).</summary>
public enum ContractType
{
    /// <summary>AWS請求代行サービス — qualifies (ELIG-1).</summary>
    BillingAgency,

    /// <summary>AWS請求代行サービスadv. — qualifies (ELIG-1).</summary>
    BillingAgencyAdvanced,

    /// <summary>AWS定額プラン — qualifies (ELIG-1).</summary>
    FixedPricePlan,

    /// <summary>専用接続プラン — does not qualify on its own (ELIG-2).</summary>
    DedicatedConnection,

    /// <summary>CDN専用プラン — does not qualify on its own (ELIG-2).</summary>
    Cdn,

    /// <summary>cloudpack 監視・運用保守 — neither qualifies nor excludes (BAS-4, SCOPE-1).</summary>
    MonitoringMaintenance,
}

/// <summary>A contract the company holds with the provider, as recorded by staff.</summary>
public sealed class Contract : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    public ContractType Type { get; init; }

    public DateOnly StartsOn { get; set; }

    /// <summary>The last day the contract is in force; null = open-ended.</summary>
    public DateOnly? EndsOn { get; set; }

    /// <summary>What a monitoring/maintenance contract covers (systems, accounts, hours), as written in it; free text.</summary>
    public string? MaintenanceScope { get; set; }

    public DateTimeOffset RecordedAt { get; init; }

    public Guid? RecordedBy { get; init; }

    public static bool Qualifies(ContractType type) =>
        type is ContractType.BillingAgency or ContractType.BillingAgencyAdvanced or ContractType.FixedPricePlan;

    public bool IsInForceOn(DateOnly date) => StartsOn <= date && (EndsOn is null || EndsOn >= date);
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.ToTable("contracts", t => t.HasCheckConstraint("ck_contracts_dates", "ends_on IS NULL OR ends_on >= starts_on"));
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.MaintenanceScope).HasMaxLength(1000);
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
