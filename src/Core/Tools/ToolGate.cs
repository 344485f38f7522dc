using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Tools;

/// <summary>Whether a company may use a tool, and if not which contract types would let it (TOOL-3).</summary>
/// <param name="Allowed">A contract in force allows the tool.</param>
/// <param name="AllowingTypes">The contract types that allow the tool (shown as the reason when refused).</param>
public sealed record ToolDecision(bool Allowed, IReadOnlyList<ContractType> AllowingTypes);

/// <summary>TOOL-3: decides tool access from the company's contracts in force today (Tokyo) and the admins' rules.</summary>
public sealed class ToolGate(CoreDbContext db, TimeProvider clock)
{
    public async Task<ToolDecision> DecideAsync(Guid companyId, CustomerTool tool, CancellationToken cancellationToken = default)
    {
        var allowing = await db.ToolAccessRules.AsNoTracking().Where(r => r.Tool == tool).Select(r => r.ContractType).ToListAsync(cancellationToken);
        var inForce = await db.ContractTypesInForceAsync(companyId, Tokyo.Today(clock), cancellationToken);
        return Decide(allowing, inForce);
    }

    /// <summary>TOOL-3 on data already read: the contract types the rules allow for the tool and the company's types in force today.</summary>
    public static ToolDecision Decide(IReadOnlyCollection<ContractType> allowing, IEnumerable<ContractType> inForce)
    {
        ArgumentNullException.ThrowIfNull(allowing);
        ArgumentNullException.ThrowIfNull(inForce);
        return new ToolDecision(inForce.Any(allowing.Contains), allowing.Order().ToList());
    }

    /// <summary>Every rule, for the admins' page.</summary>
    public async Task<IReadOnlySet<(CustomerTool, ContractType)>> RulesAsync(CancellationToken cancellationToken = default) =>
        (await db.ToolAccessRules.AsNoTracking().ToListAsync(cancellationToken)).Select(r => (r.Tool, r.ContractType)).ToHashSet();

    /// <summary>Replaces every rule with <paramref name="rules"/> (one transaction). Returns whether anything changed.</summary>
    public async Task<bool> ReplaceRulesAsync(IReadOnlyCollection<(CustomerTool Tool, ContractType Type)> rules, CancellationToken cancellationToken = default)
    {
        var existing = await db.ToolAccessRules.ToListAsync(cancellationToken);
        var wanted = rules.ToHashSet();
        var removed = existing.Where(r => !wanted.Contains((r.Tool, r.ContractType))).ToList();
        var added = wanted.Where(w => !existing.Any(r => r.Tool == w.Tool && r.ContractType == w.Type))
            .Select(w => new ToolAccessRule { Tool = w.Tool, ContractType = w.Type }).ToList();
        db.ToolAccessRules.RemoveRange(removed);
        db.ToolAccessRules.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return removed.Count + added.Count > 0;
    }
}
