using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Companies;

/// <summary>Reads about a company that several services need, written once.</summary>
internal static class CompanyQueries
{
    /// <summary>Throws <see cref="NotFoundException"/> unless the company exists and the tenant may see it.</summary>
    public static async Task RequireCompanyAsync(this CoreDbContext db, Guid companyId, CancellationToken cancellationToken)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            throw new NotFoundException("会社", companyId);
        }
    }

    /// <summary>The types of the company's contracts in force on a date (eligibility, catalogue contract rules).</summary>
    public static async Task<IReadOnlyList<ContractType>> ContractTypesInForceAsync(this CoreDbContext db, Guid companyId, DateOnly date, CancellationToken cancellationToken) =>
        (await db.Contracts.AsNoTracking().Where(c => c.CompanyId == companyId).ToListAsync(cancellationToken))
            .Where(c => c.IsInForceOn(date)).Select(c => c.Type).ToList();

    /// <summary>The CSMs a company's new work goes to: its owner, or the backup while the owner is away; empty = every CSM (shared queue).</summary>
    public static async Task<IReadOnlyList<Guid>> ResponsibleCsmsAsync(this CoreDbContext db, Guid companyId, CancellationToken cancellationToken)
    {
        var pair = await db.Companies.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == companyId)
            .Select(c => new
            {
                c.OwningCsmId, c.BackupCsmId,
                OwnerAway = db.People.IgnoreQueryFilters().Any(p => p.Id == c.OwningCsmId && p.IsAway),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return pair switch
        {
            null => [],
            { OwningCsmId: { } owner, OwnerAway: false } => [owner],
            { BackupCsmId: { } backup } => [backup],
            _ => [],
        };
    }
}
