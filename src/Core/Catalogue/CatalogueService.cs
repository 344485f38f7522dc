using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Catalogue;

/// <summary>Why a company cannot apply for a service now (null = it can).</summary>
public enum UnavailableReason
{
    Withdrawn,
    RankNotAllowed,
    ContractTypeNotAllowed,
    CapacityReached,
    InsufficientTickets,
    CompanyNotActive,
}

/// <summary>Whether a company can apply for a catalogue entry, with its balance and the capacity left.</summary>
public sealed record ServiceAvailability(CatalogueEntry Entry, UnavailableReason? Reason, int Balance, int? CapacityLeft)
{
    public bool CanApply => Reason is null;
}

/// <summary>ADV-1: the catalogue as data (list, add, change, withdraw) and what a company can apply for.</summary>
public sealed partial class CatalogueService(CoreDbContext db, RankService ranks, TicketLedger ledger, TimeProvider clock)
{
    public async Task<IReadOnlyList<CatalogueEntry>> ListAsync(bool includeWithdrawn = false, CancellationToken cancellationToken = default) =>
        await db.Catalogue.AsNoTracking().Where(e => includeWithdrawn || e.IsActive).OrderBy(e => e.SortOrder).ThenBy(e => e.Id).ToListAsync(cancellationToken);

    public async Task<CatalogueEntry> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await db.Catalogue.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw new NotFoundException("サービス", id);

    /// <summary>
    /// Adds a new entry or changes an existing one (by id); each change is kept in the history (ADV-1)
    /// with the staff member. Applications already made keep the cost, rules and form version they were made under;
    /// a changed apply form is published as a new <see cref="ApplyFormVersion"/>.
    /// </summary>
    public Task<CatalogueEntry> SaveAsync(CatalogueEntry entry, Guid staffId, CancellationToken cancellationToken = default) =>
        SaveAsync(entry, staffId, null, cancellationToken);

    /// <summary>
    /// <see cref="SaveAsync(CatalogueEntry, Guid, CancellationToken)"/> refusing with <see cref="ConcurrencyConflictException"/>
    /// when the entry's xmin is no longer <paramref name="expectedVersion"/> (someone saved in between).
    /// </summary>
    public async Task<CatalogueEntry> SaveAsync(CatalogueEntry entry, Guid staffId, uint? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await db.RequireStaffAsync(staffId, cancellationToken);
        if (entry.TicketCost <= 0 || entry.YearlyCapacity < 0 || string.IsNullOrWhiteSpace(entry.NameJa) || string.IsNullOrWhiteSpace(entry.NameEn))
        {
            throw new ProgrammeRuleException("catalogue_invalid", "チケット枚数は1以上、年間上限は0以上、名称(日本語・英語)は必須です。",
                "Ticket cost must be positive, capacity non-negative, and both names are required.");
        }

        var existing = await db.Catalogue.SingleOrDefaultAsync(e => e.Id == entry.Id, cancellationToken);
        ExpectVersion(existing, expectedVersion);
        var before = existing is null ? null : CatalogueChange.Snapshot(existing);
        var target = existing ?? new CatalogueEntry { Id = entry.Id.Trim(), NameJa = entry.NameJa, NameEn = entry.NameEn };
        target.NameJa = entry.NameJa;
        target.NameEn = entry.NameEn;
        target.Category = entry.Category;
        target.DescriptionJa = entry.DescriptionJa;
        target.DescriptionEn = entry.DescriptionEn;
        target.WorkflowDefinitionId = string.IsNullOrWhiteSpace(entry.WorkflowDefinitionId) ? null : entry.WorkflowDefinitionId.Trim();
        // The caller validated the form (FormSchema lives in Workflows); a changed form is a new version, whoever changes it.
        await StageFormAsync(target, entry.ApplyForm, staffId, cancellationToken);
        target.TicketCost = entry.TicketCost;
        target.OneAwsAccountPerApplication = entry.OneAwsAccountPerApplication;
        target.AllowedRanks = [.. entry.AllowedRanks];
        target.AllowedContractTypes = [.. entry.AllowedContractTypes];
        target.YearlyCapacity = entry.YearlyCapacity;
        target.CustomerCancellable = entry.CustomerCancellable;
        target.IsActive = entry.IsActive;
        target.SortOrder = entry.SortOrder;
        target.UpdatedBy = staffId;
        target.UpdatedAt = clock.GetUtcNow();
        if (existing is null)
        {
            db.Catalogue.Add(target);
        }

        await SaveWithHistoryAsync(target, before, staffId, cancellationToken);
        return target;
    }

    /// <summary>Withdraws (or brings back) a service; applications in progress are unaffected. Kept in the history.</summary>
    public async Task SetActiveAsync(string id, bool active, Guid staffId, uint? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        var entry = await db.Catalogue.SingleOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw new NotFoundException("サービス", id);
        ExpectVersion(entry, expectedVersion);
        var before = CatalogueChange.Snapshot(entry);
        entry.IsActive = active;
        entry.UpdatedBy = staffId;
        entry.UpdatedAt = clock.GetUtcNow();
        await SaveWithHistoryAsync(entry, before, staffId, cancellationToken);
    }

    /// <summary>ADV-1: the changes of an entry, newest first.</summary>
    public async Task<IReadOnlyList<CatalogueChange>> HistoryAsync(string id, int limit = 100, CancellationToken cancellationToken = default) =>
        await db.CatalogueChanges.AsNoTracking().Where(c => c.ServiceId == id).OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Take(limit).ToListAsync(cancellationToken);

    private void ExpectVersion(CatalogueEntry? existing, uint? expectedVersion)
    {
        if (existing is null || expectedVersion is not { } expected)
        {
            return;
        }

        if (existing.RowVersion != expected)
        {
            throw new ConcurrencyConflictException();
        }

        // A save between this read and ours is caught by the UPDATE's xmin check.
        db.Entry(existing).Property(e => e.RowVersion).OriginalValue = expected;
    }

    private async Task SaveWithHistoryAsync(CatalogueEntry entry, Dictionary<string, string?>? before, Guid staffId, CancellationToken cancellationToken)
    {
        if (CatalogueChange.Between(entry.Id, before, CatalogueChange.Snapshot(entry), staffId, clock.GetUtcNow()) is { } change)
        {
            db.CatalogueChanges.Add(change);
        }

        // A second insert of the same id or form version (a concurrent save) is a conflict too.
        await db.SaveOrConflictAsync(cancellationToken);
    }

    /// <summary>Applications of the fiscal year that count against the service's yearly capacity (WEB-4): not released.</summary>
    public Task<int> CountUsedCapacityAsync(string id, FiscalYear fiscalYear, CancellationToken cancellationToken = default) =>
        db.CountUsedCapacityAsync(id, fiscalYear.StartYear, cancellationToken);

    /// <summary>Whether the company can apply for the service now, and if not, the first reason.</summary>
    public async Task<ServiceAvailability> CheckAsync(Guid companyId, string id, CancellationToken cancellationToken = default)
    {
        var entry = await GetAsync(id, cancellationToken);
        return await CheckAsync(entry, await GetStandingAsync(companyId, cancellationToken), cancellationToken);
    }

    /// <summary>ADV-1/2: <see cref="CheckAsync(Guid, string, CancellationToken)"/> for every service on offer, reading the company's standing once.</summary>
    public async Task<IReadOnlyList<ServiceAvailability>> CheckAllAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var standing = await GetStandingAsync(companyId, cancellationToken);
        var result = new List<ServiceAvailability>();
        foreach (var entry in await ListAsync(cancellationToken: cancellationToken))
        {
            result.Add(await CheckAsync(entry, standing, cancellationToken));
        }

        return result;
    }

    private async Task<CatalogueStanding> GetStandingAsync(Guid companyId, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken) ?? throw new NotFoundException("会社", companyId);
        var fiscalYear = FiscalYear.Current(clock);
        var balance = await ledger.GetBalanceAsync(companyId, fiscalYear, cancellationToken);
        var contracts = (await db.ContractTypesInForceAsync(companyId, Tokyo.Today(clock), cancellationToken)).ToHashSet();
        var rank = await ranks.GetRankAsync(companyId, fiscalYear, cancellationToken);
        return new CatalogueStanding(company.CanApply, fiscalYear, balance, contracts, rank);
    }

    private async Task<ServiceAvailability> CheckAsync(CatalogueEntry entry, CatalogueStanding standing, CancellationToken cancellationToken) =>
        Check(entry, standing, entry.YearlyCapacity is null ? null : await CountUsedCapacityAsync(entry.Id, standing.FiscalYear, cancellationToken));

    /// <summary>
    /// APP-1 on data already read: whether a company of <paramref name="standing"/> can apply for <paramref name="entry"/>,
    /// given the applications of the year that count against its capacity (<paramref name="usedCapacity"/>; null when it has none).
    /// </summary>
    public static ServiceAvailability Check(CatalogueEntry entry, CatalogueStanding standing, int? usedCapacity)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(standing);
        int? left = entry.YearlyCapacity is { } capacity ? Math.Max(capacity - (usedCapacity ?? 0), 0) : null;
        UnavailableReason? reason =
            !standing.CanApply ? UnavailableReason.CompanyNotActive
            : !entry.IsActive ? UnavailableReason.Withdrawn
            : !entry.AllowsRank(standing.Rank) ? UnavailableReason.RankNotAllowed
            : entry.AllowedContractTypes.Count > 0 && !entry.AllowedContractTypes.Any(standing.Contracts.Contains) ? UnavailableReason.ContractTypeNotAllowed
            : left == 0 ? UnavailableReason.CapacityReached
            : standing.Balance < entry.TicketCost ? UnavailableReason.InsufficientTickets
            : null;
        return new ServiceAvailability(entry, reason, standing.Balance, left);
    }

}

/// <summary>What decides availability on the company's side: the same for every service (contract types in force today).</summary>
public sealed record CatalogueStanding(bool CanApply, FiscalYear FiscalYear, int Balance, IReadOnlySet<ContractType> Contracts, Rank Rank);
