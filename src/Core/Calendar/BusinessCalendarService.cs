using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Core.Calendar;

/// <summary>Builds the <see cref="BusinessCalendar"/> from the options and the staff overrides, and edits the overrides.</summary>
public sealed class BusinessCalendarService(CoreDbContext db, IOptions<BusinessCalendarOptions> options, TimeProvider clock)
{
    public async Task<BusinessCalendar> GetAsync(CancellationToken cancellationToken = default) =>
        new(options.Value, await db.CalendarOverrides.AsNoTracking().ToListAsync(cancellationToken));

    public async Task<IReadOnlyList<CalendarOverride>> ListOverridesAsync(int year, CancellationToken cancellationToken = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.CalendarOverrides.AsNoTracking().Where(o => o.Date >= from && o.Date <= to).OrderBy(o => o.Date).ToListAsync(cancellationToken);
    }

    /// <summary>Staff mark a date as a holiday (with its name) or as a business day, e.g. when the law changes.</summary>
    public async Task<CalendarOverride> SetOverrideAsync(DateOnly date, bool isHoliday, string nameJa, string? nameEn, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        if (string.IsNullOrWhiteSpace(nameJa))
        {
            throw new ProgrammeRuleException("calendar_name", "名称(または理由)を入力してください。", "A name (or reason) is required.");
        }

        var row = await db.CalendarOverrides.SingleOrDefaultAsync(o => o.Date == date, cancellationToken);
        if (row is null)
        {
            row = new CalendarOverride { Date = date, NameJa = nameJa };
            db.CalendarOverrides.Add(row);
        }

        row.IsHoliday = isHoliday;
        row.NameJa = nameJa.Trim();
        row.NameEn = string.IsNullOrWhiteSpace(nameEn) ? null : nameEn.Trim();
        row.UpdatedBy = staffId;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    public async Task RemoveOverrideAsync(DateOnly date, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        await db.CalendarOverrides.Where(o => o.Date == date).ExecuteDeleteAsync(cancellationToken);
    }
}
