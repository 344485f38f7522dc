using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Core.Calendar;

/// <summary>
/// Gives the <see cref="BusinessCalendar"/> (options and staff overrides, kept by <see cref="BusinessCalendarCache"/>) and
/// edits the overrides; each edit drops the cached calendar, so the next read sees it.
/// </summary>
public sealed class BusinessCalendarService(CoreDbContext db, BusinessCalendarCache cache, IOptions<BusinessCalendarOptions> options, TimeProvider clock)
{
    public async Task<BusinessCalendar> GetAsync(CancellationToken cancellationToken = default) => await cache.GetAsync(cancellationToken);

    public async Task<IReadOnlyList<CalendarOverride>> ListOverridesAsync(int year, CancellationToken cancellationToken = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.CalendarOverrides.AsNoTracking().Where(o => o.Date >= from && o.Date <= to).OrderBy(o => o.Date).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// HOURS-1: staff mark a date as a (company) holiday with its name, or as a business day, e.g. when the law changes.
    /// <paramref name="expectedVersion"/> is the version the form showed (0 = a new date): a save in between is refused.
    /// </summary>
    public async Task<CalendarOverride> SetOverrideAsync(
        DateOnly date, bool isHoliday, string nameJa, string? nameEn, Guid staffId, uint? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        if (string.IsNullOrWhiteSpace(nameJa))
        {
            throw new ProgrammeRuleException("calendar_name", "名称(または理由)を入力してください。", "A name (or reason) is required.");
        }

        if (nameJa.Trim().Length > MaxNameLength || nameEn?.Trim().Length > MaxNameLength)
        {
            throw new ProgrammeRuleException("calendar_name_length", $"名称は{MaxNameLength}文字以内で入力してください。", $"A name can be at most {MaxNameLength} characters.");
        }

        var row = await db.CalendarOverrides.SingleOrDefaultAsync(o => o.Date == date, cancellationToken);
        if (expectedVersion is { } version && (row?.RowVersion ?? 0) != version)
        {
            throw new ConcurrencyConflictException();
        }

        if (row is null)
        {
            row = new CalendarOverride { Date = date, NameJa = nameJa };
            db.CalendarOverrides.Add(row);
        }
        else if (expectedVersion is not null)
        {
            db.Entry(row).Property(o => o.RowVersion).OriginalValue = expectedVersion.Value;
        }

        row.IsHoliday = isHoliday;
        row.NameJa = nameJa.Trim();
        row.NameEn = string.IsNullOrWhiteSpace(nameEn) ? null : nameEn.Trim();
        row.UpdatedBy = staffId;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveOrConflictAsync(cancellationToken);
        cache.Invalidate();
        return row;
    }

    /// <summary>Removes a date's override; with <paramref name="expectedVersion"/> only the version the form showed (else a conflict).</summary>
    public async Task<CalendarOverride> RemoveOverrideAsync(DateOnly date, Guid staffId, uint? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        var row = await db.CalendarOverrides.AsNoTracking().SingleOrDefaultAsync(o => o.Date == date, cancellationToken)
            ?? throw new NotFoundException("カレンダー設定", date);
        var deleted = expectedVersion is { } version
            ? await db.CalendarOverrides.Where(o => o.Date == date && o.RowVersion == version).ExecuteDeleteAsync(cancellationToken)
            : await db.CalendarOverrides.Where(o => o.Date == date).ExecuteDeleteAsync(cancellationToken);
        cache.Invalidate();
        return deleted == 1 ? row : throw new ConcurrencyConflictException();
    }

    /// <summary>The calendar as it would be with the date changed (null Holiday: the date's override removed); nothing is saved.</summary>
    public async Task<BusinessCalendar> WithChangeAsync(DateOnly date, bool? isHoliday, CancellationToken cancellationToken = default)
    {
        var overrides = (await db.CalendarOverrides.AsNoTracking().ToListAsync(cancellationToken)).Where(o => o.Date != date).ToList();
        if (isHoliday is { } holiday)
        {
            overrides.Add(new CalendarOverride { Date = date, IsHoliday = holiday, NameJa = "(プレビュー)", NameEn = "(preview)" });
        }

        return new BusinessCalendar(options.Value, overrides);
    }

    /// <summary>The overrides of a calendar year, a page at a time.</summary>
    public async Task<Paged<CalendarOverride>> PageOverridesAsync(int year, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var query = db.CalendarOverrides.AsNoTracking().Where(o => o.Date >= from && o.Date <= to);
        return await Paging.OfAsync(query.OrderBy(o => o.Date), page, pageSize, cancellationToken);
    }

    /// <summary>The longest name a date's override keeps (the columns hold 100).</summary>
    public const int MaxNameLength = 100;
}
