using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudpackPlus.Core.FiscalYears;

/// <summary>What one call of <see cref="FiscalYearRolloverService.RunAsync"/> did.</summary>
public sealed record RolloverOutcome(FiscalYear FiscalYear, bool AlreadyDone, int CompaniesRolled, int AccountsLapsed);

/// <summary>
/// RANK-2, TKT-1, TKT-2: the 1 April rollover into the current fiscal year. Lapses every earlier
/// year's unused tickets, recomputes each enrolled company's rank from last calendar year's
/// transactions (a rank already set for the year — an override or an enrolment — is kept), grants
/// the year's tickets, and logs what it did per company. Idempotent per company (under the
/// company's account lock), so a second run, a concurrent run on another host, or a catch-up after
/// downtime changes nothing that is already done.
/// </summary>
public sealed class FiscalYearRolloverService(CoreDbContext db, RankService ranks, TimeProvider clock, ILogger<FiscalYearRolloverService>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<FiscalYearRolloverService>.Instance;

    public Task<bool> IsDoneAsync(FiscalYear fiscalYear, CancellationToken cancellationToken = default) =>
        db.RolloverRuns.AnyAsync(r => r.FiscalYear == fiscalYear.StartYear && r.CompletedAt != null, cancellationToken);

    /// <summary>Rolls over into the current fiscal year unless that is done; <paramref name="trigger"/> is logged (schedule, catch-up, staff).</summary>
    public async Task<RolloverOutcome> RunAsync(string trigger, CancellationToken cancellationToken = default)
    {
        if (!db.Tenant.IsStaff)
        {
            // Under a customer's tenant the filtered reads would miss other companies' ranks.
            throw new InvalidOperationException("The fiscal-year rollover must run in the system (or a staff) context, not a customer's.");
        }

        var fiscalYear = FiscalYear.Current(clock);
        if (await IsDoneAsync(fiscalYear, cancellationToken))
        {
            return new RolloverOutcome(fiscalYear, true, 0, 0);
        }

        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO core.rollover_runs (fiscal_year, started_at, companies_processed, triggered_by) VALUES ({fiscalYear.StartYear}, {now}, 0, {trigger}) ON CONFLICT DO NOTHING",
            cancellationToken);

        var lapsed = await LapseEndedYearsAsync(fiscalYear, cancellationToken);
        var companies = await db.Companies.IgnoreQueryFilters().Where(c => c.Status != CompanyStatus.NotEnrolled)
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        // The same for every company of the run: read once, not once per company.
        var thresholds = await ranks.GetThresholdsAsync(fiscalYear, cancellationToken);
        var definitions = (await ranks.GetDefinitionsAsync(cancellationToken)).ToDictionary(d => d.Rank);
        var rolled = 0;
        foreach (var companyId in companies)
        {
            rolled += await RollCompanyAsync(companyId, fiscalYear, thresholds, definitions, cancellationToken) ? 1 : 0;
        }

        var processed = await db.RolloverCompanyResults.IgnoreQueryFilters().CountAsync(r => r.FiscalYear == fiscalYear.StartYear, cancellationToken);
        await db.RolloverRuns.Where(r => r.FiscalYear == fiscalYear.StartYear && r.CompletedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.CompletedAt, clock.GetUtcNow())
            .SetProperty(r => r.CompaniesProcessed, processed)
            .SetProperty(r => r.TriggeredBy, trigger), cancellationToken);
        _logger.LogInformation("Fiscal-year rollover into {FiscalYear} ({Trigger}): {Rolled} companies rolled, {Lapsed} accounts lapsed", fiscalYear, trigger, rolled, lapsed);
        return new RolloverOutcome(fiscalYear, false, rolled, lapsed);
    }

    /// <summary>Staff view: every run, newest first.</summary>
    public async Task<IReadOnlyList<RolloverRun>> GetRunsAsync(CancellationToken cancellationToken = default) =>
        await db.RolloverRuns.AsNoTracking().OrderByDescending(r => r.FiscalYear).ToListAsync(cancellationToken);

    /// <summary>Staff view: what the rollover into a fiscal year did per company.</summary>
    public async Task<IReadOnlyList<RolloverCompanyResult>> GetResultsAsync(FiscalYear fiscalYear, CancellationToken cancellationToken = default) =>
        await db.RolloverCompanyResults.AsNoTracking().Where(r => r.FiscalYear == fiscalYear.StartYear).OrderBy(r => r.CompanyId).ToListAsync(cancellationToken);

    private async Task<int> LapseEndedYearsAsync(FiscalYear current, CancellationToken cancellationToken)
    {
        var open = await db.TicketAccounts.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.FiscalYear < current.StartYear && a.LapsedAt == null)
            .Select(a => new { a.CompanyId, a.FiscalYear }).ToListAsync(cancellationToken);
        foreach (var account in open)
        {
            await db.InTransactionAsync(async () =>
            {
                var locked = await db.LockTicketAccountAsync(account.CompanyId, account.FiscalYear, clock.GetUtcNow(), cancellationToken);
                var count = await db.LapseAsync(locked, clock.GetUtcNow(), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return count;
            }, cancellationToken);
        }

        return open.Count;
    }

    private Task<bool> RollCompanyAsync(
        Guid companyId, FiscalYear fiscalYear, RankThresholds thresholds, Dictionary<Rank, RankDefinition> definitions, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var account = await db.LockTicketAccountAsync(companyId, fiscalYear.StartYear, now, cancellationToken);
            if (await db.RolloverCompanyResults.IgnoreQueryFilters().AnyAsync(r => r.FiscalYear == fiscalYear.StartYear && r.CompanyId == companyId, cancellationToken))
            {
                return false;
            }

            var company = await db.Companies.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == companyId, cancellationToken);
            var lapsedTickets = -await db.TicketLedger.IgnoreQueryFilters()
                .Where(e => e.CompanyId == companyId && e.FiscalYear == fiscalYear.Previous.StartYear && e.Kind == TicketEntryKind.Lapse)
                .SumAsync(e => e.Amount, cancellationToken);
            var previous = await ranks.GetAssignmentAsync(companyId, fiscalYear.Previous, cancellationToken);
            var assignment = await ranks.GetAssignmentAsync(companyId, fiscalYear, cancellationToken);
            long? basis = null;
            var note = "";
            int granted = 0, proposals = 0;
            if (company.Status == CompanyStatus.Active)
            {
                if (assignment is null)
                {
                    var amount = await ranks.GetBasisAmountAsync(companyId, fiscalYear, cancellationToken);
                    var rank = thresholds.RankFor(amount);
                    basis = amount;
                    assignment = new RankAssignment
                    {
                        CompanyId = companyId, FiscalYear = fiscalYear.StartYear, Rank = rank, Source = RankSource.Rollover,
                        BasisCalendarYear = fiscalYear.RankBasisCalendarYear, BasisAmountYen = amount, SetAt = now,
                    };
                    db.RankAssignments.Add(assignment);
                    note = Localization.StoredMessage.Of(Localization.StoredMessage.RolloverBasis, fiscalYear.RankBasisCalendarYear, amount);
                }
                else
                {
                    note = Localization.StoredMessage.Of(Localization.StoredMessage.RolloverKept, assignment.Source);
                }

                var definition = definitions[assignment.Rank];
                granted = db.GrantAnnual(account, definition.TicketsPerYear, Localization.StoredMessage.Of(Localization.StoredMessage.AnnualGrant, fiscalYear, definition.NameJa, definition.NameEn), null, now);
                proposals = assignment.Rank >= Rank.Silver ? definition.BasicProposalsPerYear : 0;
            }
            else
            {
                note = Localization.StoredMessage.Of(Localization.StoredMessage.RolloverSuspended);
            }

            db.RolloverCompanyResults.Add(new RolloverCompanyResult
            {
                FiscalYear = fiscalYear.StartYear, CompanyId = companyId, PreviousRank = previous?.Rank,
                NewRank = company.Status == CompanyStatus.Active ? assignment?.Rank : null, BasisAmountYen = basis,
                LapsedTickets = lapsedTickets, GrantedTickets = granted, BasicProposalsAllowed = proposals, Note = note, At = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
}
