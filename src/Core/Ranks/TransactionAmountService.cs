using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Ranks;

/// <summary>RANK-2's basis, entered by staff: a company's cloudpack transaction amount per calendar year (xmin-checked edits).</summary>
public sealed class TransactionAmountService(CoreDbContext db, TimeProvider clock)
{
    /// <summary>An amount above this (¥1 trillion) is a typing error, not a customer.</summary>
    public const long MaxAmountYen = 1_000_000_000_000;

    public const int FirstYear = 2000;

    /// <summary>The latest calendar year an amount may be recorded for: this one (its amount is entered as it closes).</summary>
    public int LastYear => Tokyo.Today(clock).Year;

    public async Task<IReadOnlyList<AnnualTransaction>> ListAsync(Guid companyId, CancellationToken cancellationToken = default) =>
        await db.AnnualTransactions.AsNoTracking().Where(t => t.CompanyId == companyId).OrderByDescending(t => t.CalendarYear).ToListAsync(cancellationToken);

    /// <summary>
    /// Sets a company's amount for a calendar year. <paramref name="expectedVersion"/> is the version the form showed
    /// (0 for a year without an amount): a save in between, or a second post of the same form, is a conflict.
    /// Returns the amount before (null when there was none).
    /// </summary>
    public async Task<long?> SetAsync(Guid companyId, int calendarYear, long amountYen, uint expectedVersion, Guid staffId, CancellationToken cancellationToken = default)
    {
        Validate(calendarYear, amountYen, LastYear);
        await db.RequireStaffAsync(staffId, cancellationToken);
        await db.RequireCompanyAsync(companyId, cancellationToken);
        var row = await db.AnnualTransactions.SingleOrDefaultAsync(t => t.CompanyId == companyId && t.CalendarYear == calendarYear, cancellationToken);
        if ((row?.RowVersion ?? 0) != expectedVersion)
        {
            throw new ConcurrencyConflictException();
        }

        var before = row?.AmountYen;
        if (row is null)
        {
            row = new AnnualTransaction { CompanyId = companyId, CalendarYear = calendarYear };
            db.AnnualTransactions.Add(row);
        }
        else
        {
            db.Entry(row).Property(t => t.RowVersion).OriginalValue = expectedVersion;
        }

        row.AmountYen = amountYen;
        row.RecordedBy = staffId;
        row.RecordedAt = clock.GetUtcNow();
        await db.SaveOrConflictAsync(cancellationToken);
        return before;
    }

    /// <summary>The rules an amount obeys, for the form and the CSV import alike.</summary>
    public static void Validate(int calendarYear, long amountYen, int lastYear)
    {
        if (calendarYear < FirstYear || calendarYear > lastYear)
        {
            throw new ProgrammeRuleException("amount_year", $"暦年は{FirstYear}〜{lastYear}年で入力してください。", $"The calendar year must be {FirstYear} to {lastYear}.");
        }

        if (amountYen is < 0 or > MaxAmountYen)
        {
            throw new ProgrammeRuleException("amount_range", "取引額は0円以上1兆円以下で入力してください。", "The amount must be from ¥0 to ¥1 trillion.");
        }
    }
}
