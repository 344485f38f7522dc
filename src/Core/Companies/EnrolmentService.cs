using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Companies;

/// <summary>ELIG-1, ELIG-2, ELIG-4, RANK-3: contracts, eligibility, enrolment and suspension.</summary>
public sealed class EnrolmentService(CoreDbContext db, RankService ranks, TimeProvider clock)
{
    public async Task<Contract> RecordContractAsync(Guid companyId, ContractType type, DateOnly startsOn, DateOnly? endsOn, Guid? staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireCompanyAsync(companyId, cancellationToken);
        if (endsOn < startsOn)
        {
            throw new ProgrammeRuleException("contract_dates", "契約終了日は開始日以降にしてください。", "A contract cannot end before it starts.");
        }

        var contract = new Contract { CompanyId = companyId, Type = type, StartsOn = startsOn, EndsOn = endsOn, RecordedAt = clock.GetUtcNow(), RecordedBy = staffId };
        db.Contracts.Add(contract);
        await db.SaveChangesAsync(cancellationToken);
        await SuspendUncoveredAsync(companyId, cancellationToken);
        return contract;
    }

    /// <summary>Records a contract's end; the company is suspended when no qualifying contract is left (ELIG-4).</summary>
    public async Task EndContractAsync(Guid contractId, DateOnly endsOn, Guid? staffId, CancellationToken cancellationToken = default)
    {
        var contract = await db.Contracts.SingleOrDefaultAsync(c => c.Id == contractId, cancellationToken) ?? throw new NotFoundException("契約", contractId);
        if (endsOn < contract.StartsOn)
        {
            throw new ProgrammeRuleException("contract_dates", "契約終了日は開始日以降にしてください。", "A contract cannot end before it starts.");
        }

        contract.EndsOn = endsOn;
        await db.SaveChangesAsync(cancellationToken);
        await SuspendUncoveredAsync(contract.CompanyId, cancellationToken);
    }

    /// <summary>ELIG-1/2: every reason the company cannot enrol today (none = eligible).</summary>
    public async Task<EligibilityResult> CheckEligibilityAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken) ?? throw new NotFoundException("会社", companyId);
        var inForce = await db.ContractTypesInForceAsync(companyId, Tokyo.Today(clock), cancellationToken);
        return Evaluate(company, inForce);
    }

    /// <summary>ELIG-1/2 on data already read: the company's flags and the types of its contracts in force today (Tokyo).</summary>
    public static EligibilityResult Evaluate(Company company, IReadOnlyCollection<ContractType> inForce)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(inForce);
        var issues = new List<EligibilityIssue>();
        if (!inForce.Any(Contract.Qualifies))
        {
            issues.Add(inForce.Count > 0 && inForce.All(t => t is ContractType.DedicatedConnection or ContractType.Cdn)
                ? EligibilityIssue.OnlyExcludedPlans
                : EligibilityIssue.NoQualifyingContract);
        }

        if (company.IsPublicBody)
        {
            issues.Add(EligibilityIssue.PublicBody);
        }

        if (company.IsAlliancePartner)
        {
            issues.Add(EligibilityIssue.AlliancePartner);
        }

        if (company.IsServedThroughThirdParty)
        {
            issues.Add(EligibilityIssue.ServedThroughThirdParty);
        }

        return new EligibilityResult(issues);
    }

    /// <summary>
    /// Enrols (or reinstates) an eligible company. RANK-3: the rank for the current fiscal year is
    /// the one given by staff, else the one last calendar year's transactions give, and the rank's
    /// yearly tickets are granted at once (unless this year's grant was already made).
    /// </summary>
    /// <exception cref="EnrolmentRefusedException">With every reason the company is not eligible.</exception>
    public async Task<RankAssignment> EnrolAsync(Guid companyId, Rank? rank, string? reason, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        var eligibility = await CheckEligibilityAsync(companyId, cancellationToken);
        if (!eligibility.IsEligible)
        {
            throw new EnrolmentRefusedException(eligibility.Issues);
        }

        return await db.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var fiscalYear = FiscalYear.Of(now);
            var account = await db.LockTicketAccountAsync(companyId, fiscalYear.StartYear, now, cancellationToken);
            var company = await db.Companies.SingleAsync(c => c.Id == companyId, cancellationToken);
            company.Status = CompanyStatus.Active;
            company.EnrolledAt ??= now;
            company.SuspendedAt = null;

            var assignment = await ranks.GetAssignmentAsync(companyId, fiscalYear, cancellationToken);
            if (assignment is null || rank is not null)
            {
                var (computed, amount) = await ranks.ComputeAsync(companyId, fiscalYear, cancellationToken);
                assignment = new RankAssignment
                {
                    CompanyId = companyId, FiscalYear = fiscalYear.StartYear, Rank = rank ?? computed, Source = RankSource.Enrolment,
                    BasisCalendarYear = rank is null ? fiscalYear.RankBasisCalendarYear : null, BasisAmountYen = rank is null ? amount : null,
                    Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), SetBy = staffId, SetAt = now,
                };
                db.RankAssignments.Add(assignment);
            }

            var definition = await ranks.GetDefinitionAsync(assignment.Rank, cancellationToken);
            db.GrantAnnual(account, definition.TicketsPerYear, Localization.StoredMessage.Of(Localization.StoredMessage.EnrolmentGrant, fiscalYear, definition.NameJa, definition.NameEn), staffId, now);
            await db.SaveChangesAsync(cancellationToken);
            return assignment;
        }, cancellationToken);
    }

    /// <summary>ELIG-4: suspends every active company whose last qualifying contract has ended. Returns the ones suspended.</summary>
    public Task<IReadOnlyList<Guid>> SuspendLapsedCompaniesAsync(CancellationToken cancellationToken = default) =>
        SuspendUncoveredAsync(null, cancellationToken);

    /// <summary>
    /// Suspends the active companies (all, or the one given) without a qualifying contract in force
    /// today; nothing is deleted. Two queries and one save whatever the number of companies.
    /// </summary>
    private async Task<IReadOnlyList<Guid>> SuspendUncoveredAsync(Guid? companyId, CancellationToken cancellationToken)
    {
        var active = await db.Companies.Where(c => c.Status == CompanyStatus.Active && (companyId == null || c.Id == companyId))
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        if (active.Count == 0)
        {
            return [];
        }

        var today = Tokyo.Today(clock);
        var ids = active.Select(c => c.Id).ToList();
        var covered = (await db.Contracts.AsNoTracking().Where(c => ids.Contains(c.CompanyId)).ToListAsync(cancellationToken))
            .Where(c => Contract.Qualifies(c.Type) && c.IsInForceOn(today)).Select(c => c.CompanyId).ToHashSet();
        var now = clock.GetUtcNow();
        var suspended = new List<Guid>();
        foreach (var company in active.Where(c => !covered.Contains(c.Id)))
        {
            company.Status = CompanyStatus.Suspended;
            company.SuspendedAt = now;
            suspended.Add(company.Id);
        }

        if (suspended.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return suspended;
    }
}
