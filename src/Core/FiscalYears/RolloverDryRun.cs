using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.FiscalYears;

/// <summary>What the next rollover would do for one company.</summary>
public sealed record RolloverPreviewRow(
    Guid CompanyId, string Code, string Name, CompanyStatus Status, Rank? PreviousRank, Rank? NewRank,
    RankSource? KeptSource, long? BasisAmountYen, int LapsingTickets, int GrantedTickets)
{
    public bool ChangesRank => PreviousRank != NewRank;
}

/// <summary>The dry run: the fiscal year it rolls into, the page of rows, and totals over every company.</summary>
public sealed record RolloverPreview(FiscalYear FiscalYear, Paged<RolloverPreviewRow> Page, int Companies, int RankChanges, int TicketsGranted, int TicketsLapsing);

/// <summary>
/// RANK-2, TKT-1, TKT-2 without writing: what <see cref="FiscalYearRolloverService"/> would do on the next
/// 1 April (or now, when this year's rollover has not run) — read-only queries, no account created, no lock taken.
/// </summary>
public sealed class RolloverDryRun(CoreDbContext db, RankService ranks, TimeProvider clock)
{
    /// <summary>The fiscal year the next rollover goes into: this one if it has not run yet, else the next.</summary>
    public async Task<FiscalYear> NextTargetAsync(CancellationToken cancellationToken = default)
    {
        var current = FiscalYear.Current(clock);
        return await db.RolloverRuns.AnyAsync(r => r.FiscalYear == current.StartYear && r.CompletedAt != null, cancellationToken) ? current.Next : current;
    }

    public async Task<RolloverPreview> PreviewAsync(bool changesOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var target = await NextTargetAsync(cancellationToken);
        var companies = await db.Companies.IgnoreQueryFilters().AsNoTracking().Where(c => c.Status != CompanyStatus.NotEnrolled)
            .OrderBy(c => c.Code).Select(c => new { c.Id, c.Code, c.Name, c.Status }).ToListAsync(cancellationToken);
        var assignments = (await db.RankAssignments.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.FiscalYear == target.StartYear || r.FiscalYear == target.Previous.StartYear).ToListAsync(cancellationToken))
            .GroupBy(r => (r.CompanyId, r.FiscalYear)).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!);
        var basis = await db.AnnualTransactions.IgnoreQueryFilters().AsNoTracking().Where(t => t.CalendarYear == target.RankBasisCalendarYear)
            .ToDictionaryAsync(t => t.CompanyId, t => t.AmountYen, cancellationToken);
        var lapsedAccounts = await db.TicketAccounts.IgnoreQueryFilters().AsNoTracking().Where(a => a.FiscalYear < target.StartYear && a.LapsedAt != null)
            .Select(a => new { a.CompanyId, a.FiscalYear }).ToListAsync(cancellationToken);
        var lapsed = lapsedAccounts.Select(a => (a.CompanyId, a.FiscalYear)).ToHashSet();
        var balances = await db.TicketLedger.IgnoreQueryFilters().AsNoTracking().Where(e => e.FiscalYear < target.StartYear)
            .GroupBy(e => new { e.CompanyId, e.FiscalYear }).Select(g => new { g.Key.CompanyId, g.Key.FiscalYear, Balance = g.Sum(e => e.Amount) })
            .ToListAsync(cancellationToken);
        var lapsing = balances.Where(b => !lapsed.Contains((b.CompanyId, b.FiscalYear)))
            .GroupBy(b => b.CompanyId).ToDictionary(g => g.Key, g => g.Sum(b => Math.Max(b.Balance, 0)));
        var grantedAlready = (await db.TicketAccounts.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.FiscalYear == target.StartYear && a.AnnualGrantAt != null).Select(a => a.CompanyId).ToListAsync(cancellationToken)).ToHashSet();
        var thresholds = await ranks.GetThresholdsAsync(target, cancellationToken);
        var definitions = (await ranks.GetDefinitionsAsync(cancellationToken)).ToDictionary(d => d.Rank);

        var rows = new List<RolloverPreviewRow>();
        foreach (var c in companies)
        {
            var previous = assignments.GetValueOrDefault((c.Id, target.Previous.StartYear))?.Rank;
            var kept = assignments.GetValueOrDefault((c.Id, target.StartYear));
            long? amount = kept is null ? basis.GetValueOrDefault(c.Id) : null;
            Rank? rank = c.Status != CompanyStatus.Active ? null : kept?.Rank ?? thresholds.RankFor(amount ?? 0);
            var granted = rank is { } r && !grantedAlready.Contains(c.Id) ? definitions[r].TicketsPerYear : 0;
            rows.Add(new RolloverPreviewRow(c.Id, c.Code, c.Name, c.Status, previous, rank, kept?.Source, amount, lapsing.GetValueOrDefault(c.Id), granted));
        }

        var shown = changesOnly ? rows.Where(r => r.ChangesRank).ToList() : rows;
        return new RolloverPreview(target, Paging.Of(shown, page, pageSize), rows.Count,
            rows.Count(r => r.ChangesRank), rows.Sum(r => r.GrantedTickets), rows.Sum(r => r.LapsingTickets));
    }

    /// <summary>The rollover log of a fiscal year with the company's code and name, a page at a time.</summary>
    public Task<Paged<RolloverLogRow>> LogAsync(FiscalYear fiscalYear, int page, int pageSize, CancellationToken cancellationToken = default) =>
        Paging.OfAsync(
            from r in db.RolloverCompanyResults.IgnoreQueryFilters().AsNoTracking()
            join c in db.Companies.IgnoreQueryFilters() on r.CompanyId equals c.Id
            where r.FiscalYear == fiscalYear.StartYear
            orderby c.Code
            select new RolloverLogRow(c.Code, c.Name, r.PreviousRank, r.NewRank, r.BasisAmountYen, r.LapsedTickets, r.GrantedTickets, r.Note, r.At),
            page, pageSize, cancellationToken);
}

/// <summary>One company's line of the rollover log.</summary>
public sealed record RolloverLogRow(string Code, string Name, Rank? PreviousRank, Rank? NewRank, long? BasisAmountYen, int LapsedTickets, int GrantedTickets, string Note, DateTimeOffset At);
