using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Ranks;

/// <summary>RANK-1..3: the rank table, the per-FY thresholds, transaction amounts, computed ranks and audited overrides.</summary>
public sealed class RankService(CoreDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<RankDefinition>> GetDefinitionsAsync(CancellationToken cancellationToken = default) =>
        (await db.RankDefinitions.AsNoTracking().ToListAsync(cancellationToken)).OrderByDescending(d => d.Rank).ToList();

    public async Task<RankDefinition> GetDefinitionAsync(Rank rank, CancellationToken cancellationToken = default) =>
        await db.RankDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Rank == rank, cancellationToken)
        ?? throw new NotFoundException("ランク定義", rank);

    /// <summary>Admin edit of the rank table (RANK-1 as data); applies to grants made after it.</summary>
    public async Task UpdateDefinitionAsync(Rank rank, int basicProposalsPerYear, int ticketsPerYear, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        if (basicProposalsPerYear < 0 || ticketsPerYear < 0)
        {
            throw new ProgrammeRuleException("rank_definition", "提案回数とチケット枚数は0以上にしてください。", "Proposals and tickets per year cannot be negative.");
        }

        var definition = await db.RankDefinitions.SingleAsync(d => d.Rank == rank, cancellationToken);
        definition.BasicProposalsPerYear = basicProposalsPerYear;
        definition.TicketsPerYear = ticketsPerYear;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The thresholds in force for a fiscal year: its own, else the latest earlier ones, else the defaults.</summary>
    public async Task<RankThresholds> GetThresholdsAsync(FiscalYear fiscalYear, CancellationToken cancellationToken = default) =>
        await db.RankThresholds.AsNoTracking().Where(t => t.FiscalYear <= fiscalYear.StartYear)
            .OrderByDescending(t => t.FiscalYear).FirstOrDefaultAsync(cancellationToken)
        ?? RankThresholds.Default;

    /// <summary>
    /// RANK-2: an admin sets the thresholds for a fiscal year (and the years after it until the next row).
    /// With <paramref name="expectedVersion"/> (0 = "the year had no row of its own") a save in between is refused.
    /// </summary>
    public async Task<RankThresholds> SetThresholdsAsync(
        FiscalYear fiscalYear, long platinumMinYen, long goldMinYen, long silverMinYen, long bronzeMinYen, Guid staffId,
        uint? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        var row = await db.RankThresholds.SingleOrDefaultAsync(t => t.FiscalYear == fiscalYear.StartYear, cancellationToken);
        if (expectedVersion is { } version && (row?.RowVersion ?? 0) != version)
        {
            throw new ConcurrencyConflictException();
        }

        if (row is not null && expectedVersion is not null)
        {
            db.Entry(row).Property(t => t.RowVersion).OriginalValue = expectedVersion.Value;
        }

        if (row is null)
        {
            row = new RankThresholds { FiscalYear = fiscalYear.StartYear };
            db.RankThresholds.Add(row);
        }

        row.PlatinumMinYen = platinumMinYen;
        row.GoldMinYen = goldMinYen;
        row.SilverMinYen = silverMinYen;
        row.BronzeMinYen = bronzeMinYen;
        row.UpdatedBy = staffId;
        row.UpdatedAt = clock.GetUtcNow();
        if (!row.IsOrdered)
        {
            db.Entry(row).State = EntityState.Detached;
            throw new ProgrammeRuleException("thresholds_order", "しきい値はプラチナ > ゴールド > シルバー > ブロンズ > 0 の順に設定してください。",
                "Thresholds must satisfy Platinum > Gold > Silver > Bronze > 0.");
        }

        await db.SaveOrConflictAsync(cancellationToken);
        return row;
    }

    /// <summary>Records a company's cloudpack transaction amount for a calendar year (the RANK-2 basis).</summary>
    public async Task RecordTransactionAmountAsync(Guid companyId, int calendarYear, long amountYen, Guid? staffId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountYen);
        var row = await db.AnnualTransactions.SingleOrDefaultAsync(t => t.CompanyId == companyId && t.CalendarYear == calendarYear, cancellationToken);
        if (row is null)
        {
            row = new AnnualTransaction { CompanyId = companyId, CalendarYear = calendarYear };
            db.AnnualTransactions.Add(row);
        }

        row.AmountYen = amountYen;
        row.RecordedBy = staffId;
        row.RecordedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>RANK-2: the rank the previous calendar year's transactions give for a fiscal year (no amount = 0).</summary>
    public async Task<(Rank Rank, long AmountYen)> ComputeAsync(Guid companyId, FiscalYear fiscalYear, CancellationToken cancellationToken = default)
    {
        var amount = await GetBasisAmountAsync(companyId, fiscalYear, cancellationToken);
        var thresholds = await GetThresholdsAsync(fiscalYear, cancellationToken);
        return (thresholds.RankFor(amount), amount);
    }

    /// <summary>RANK-2: the previous calendar year's transaction amount for a fiscal year's rank (none recorded = 0).</summary>
    internal async Task<long> GetBasisAmountAsync(Guid companyId, FiscalYear fiscalYear, CancellationToken cancellationToken) =>
        await db.AnnualTransactions.IgnoreQueryFilters()
            .Where(t => t.CompanyId == companyId && t.CalendarYear == fiscalYear.RankBasisCalendarYear)
            .Select(t => (long?)t.AmountYen).SingleOrDefaultAsync(cancellationToken) ?? 0;

    /// <summary>The rank in force for the company in a fiscal year: the latest assignment, or null before any.</summary>
    public Task<RankAssignment?> GetAssignmentAsync(Guid companyId, FiscalYear fiscalYear, CancellationToken cancellationToken = default) =>
        db.RankAssignments.AsNoTracking().Where(r => r.CompanyId == companyId && r.FiscalYear == fiscalYear.StartYear)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    public async Task<Rank> GetRankAsync(Guid companyId, FiscalYear fiscalYear, CancellationToken cancellationToken = default) =>
        (await GetAssignmentAsync(companyId, fiscalYear, cancellationToken))?.Rank ?? Rank.Regular;

    /// <summary>The audit trail of a company's ranks, newest first.</summary>
    public async Task<IReadOnlyList<RankAssignment>> GetHistoryAsync(Guid companyId, CancellationToken cancellationToken = default) =>
        await db.RankAssignments.AsNoTracking().Where(r => r.CompanyId == companyId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// RANK-3: an admin sets a company's rank for the current (or a coming) fiscal year, with a
    /// reason, audited. A raise in the current year tops the tickets up to the new rank's yearly
    /// grant; a lowering takes nothing back.
    /// </summary>
    public Task<RankAssignment> OverrideAsync(Guid companyId, FiscalYear fiscalYear, Rank rank, string reason, Guid staffId, CancellationToken cancellationToken = default) =>
        OverrideAsync(companyId, fiscalYear, rank, reason, staffId, null, cancellationToken);

    /// <summary>As above, from a form that showed the year's latest assignment <paramref name="expectedLatestId"/> (0: none): a newer one refuses it as a conflict.</summary>
    public Task<RankAssignment> OverrideAsync(Guid companyId, FiscalYear fiscalYear, Rank rank, string reason, Guid staffId, long? expectedLatestId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var text = StaffGuard.RequireReason(reason);
            await db.RequireStaffAsync(staffId, cancellationToken);
            if (fiscalYear < FiscalYear.Current(clock))
            {
                throw new ProgrammeRuleException("fiscal_year_closed", $"{fiscalYear} は終了しているためランクを変更できません。", $"{fiscalYear} has ended; its rank cannot change.");
            }

            await db.RequireCompanyAsync(companyId, cancellationToken);
            var now = clock.GetUtcNow();
            var account = await db.LockTicketAccountAsync(companyId, fiscalYear.StartYear, now, cancellationToken);
            if (expectedLatestId is { } expected && expected != ((await GetAssignmentAsync(companyId, fiscalYear, cancellationToken))?.Id ?? 0))
            {
                throw new ConcurrencyConflictException();
            }

            if (!Enum.IsDefined(rank))
            {
                throw new ProgrammeRuleException("rank_unknown", "ランクを選んでください。", "Choose a rank.");
            }

            var assignment = new RankAssignment
            {
                CompanyId = companyId, FiscalYear = fiscalYear.StartYear, Rank = rank, Source = RankSource.Override,
                Reason = text, SetBy = staffId, SetAt = now,
            };
            db.RankAssignments.Add(assignment);
            var definition = await GetDefinitionAsync(rank, cancellationToken);
            await db.TopUpAsync(account, definition.TicketsPerYear, $"ランク変更({definition.NameJa})による追加付与: {text}", staffId, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return assignment;
        }, cancellationToken);
}
