using CloudpackPlus.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Tools;

/// <summary>The customer tools of the portal's "ツール" menu (TOOL-1, TOOL-2).</summary>
public enum CustomerTool
{
    /// <summary>Trusted Advisor checks of a connected account (TOOL-1).</summary>
    TrustedAdvisor,

    /// <summary>AWS charges per account and service (TOOL-2).</summary>
    Charges,
}

/// <summary>
/// TOOL-3: one row says a contract type may use a tool. Admins edit the rows (/Staff/Tools); a company may use a tool
/// when one of its contracts in force has a row for it.
/// </summary>
public sealed class ToolAccessRule
{
    public CustomerTool Tool { get; init; }

    public ContractType ContractType { get; init; }
}

internal sealed class ToolAccessRuleConfiguration : IEntityTypeConfiguration<ToolAccessRule>
{
    public void Configure(EntityTypeBuilder<ToolAccessRule> builder)
    {
        builder.ToTable("tool_access_rules");
        builder.HasKey(r => new { r.Tool, r.ContractType });
        builder.Property(r => r.Tool).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.ContractType).HasConversion<string>().HasMaxLength(32);
        // The starting rules: every tool under the billing contracts; Trusted Advisor (not the charges, which the
        // plan fixes) under the fixed-price plan and the maintenance contract.
        builder.HasData(
            new ToolAccessRule { Tool = CustomerTool.TrustedAdvisor, ContractType = ContractType.BillingAgency },
            new ToolAccessRule { Tool = CustomerTool.TrustedAdvisor, ContractType = ContractType.BillingAgencyAdvanced },
            new ToolAccessRule { Tool = CustomerTool.TrustedAdvisor, ContractType = ContractType.FixedPricePlan },
            new ToolAccessRule { Tool = CustomerTool.TrustedAdvisor, ContractType = ContractType.MonitoringMaintenance },
            new ToolAccessRule { Tool = CustomerTool.Charges, ContractType = ContractType.BillingAgency },
            new ToolAccessRule { Tool = CustomerTool.Charges, ContractType = ContractType.BillingAgencyAdvanced });
    }
}
