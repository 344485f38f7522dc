using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Pages.Staff.Calendar;

/// <summary>What a calendar change does to today's schedule: WEB-5's earliest scan date and the next business days, before and after.</summary>
public sealed record CalendarEffect(DateOnly Today, DateOnly Date, bool BusinessDayBefore, bool BusinessDayAfter,
    DateOnly EarliestScanBefore, DateOnly EarliestScanAfter, IReadOnlyList<DateOnly> NextBefore, IReadOnlyList<DateOnly> NextAfter);

/// <summary>
/// Admin, HOURS-1: single-date overrides — a company holiday (closed) or a business day (open) — listed per year
/// with paging, each change previewed (WEB-5's earliest date for today, the next business days) before it is saved.
/// </summary>
public sealed partial class IndexModel(
    BusinessCalendarService calendar, IOptions<BusinessCalendarOptions> options, StaffAudit audit, TimeProvider clock, IStringLocalizer<SharedResource> text) : StaffPageModel
{
    public const int PageSize = 25;

    /// <summary>WEB-5: a scan is scheduled at least this many business days after the application.</summary>
    public const int ScanLeadBusinessDays = 20;

    public Paged<CalendarOverride> Overrides { get; private set; } = new([], 0, 1, PageSize);

    public IReadOnlyList<string> RecurringHolidays => options.Value.CompanyHolidays;

    public CalendarEffect? Effect { get; private set; }

    [FromQuery(Name = "year")]
    public int? Year { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int ShownYear => Year is >= 2000 and <= 2099 ? Year.Value : Tokyo.Today(clock).Year;

    /// <summary>The form's values (kept when the page is shown again).</summary>
    [BindProperty]
    public OverrideForm Form { get; set; } = new();

    public async Task OnGetAsync(DateOnly? edit, CancellationToken cancellationToken)
    {
        await Load(cancellationToken);
        if (edit is { } date && (await calendar.ListOverridesAsync(date.Year, cancellationToken)).FirstOrDefault(o => o.Date == date) is { } row)
        {
            Form = new OverrideForm { Date = row.Date, Closed = row.IsHoliday, NameJa = row.NameJa, NameEn = row.NameEn, Version = row.RowVersion };
        }
    }

    /// <summary>Shows what the change would do; writes nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (await Invalid(cancellationToken) is { } refused)
        {
            return refused;
        }

        await Load(cancellationToken);
        Effect = await EffectAsync(Form.Date!.Value, Form.Closed, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (await Invalid(cancellationToken) is { } refused)
        {
            return refused;
        }

        var date = Form.Date!.Value;
        return await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "calendar.override-set", null, async () =>
        {
            var row = await calendar.SetOverrideAsync(date, Form.Closed, Form.NameJa ?? "", Form.NameEn, StaffId, Form.Version, cancellationToken);
            return $"{date:yyyy-MM-dd}: {(row.IsHoliday ? "closed" : "open")} {row.NameJa}";
        }, cancellationToken), "StaffCal.Saved", () => Load(cancellationToken), new { year = date.Year });
    }

    public async Task<IActionResult> OnPostRemoveAsync(DateOnly? date, uint version, CancellationToken cancellationToken)
    {
        if (date is null || !ModelState.IsValid)
        {
            ModelState.Clear();
            return await RefuseAsync(text["Console.InvalidValue"], StatusCodes.Status400BadRequest, () => Load(cancellationToken));
        }

        return await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "calendar.override-removed", null, async () =>
        {
            var row = await calendar.RemoveOverrideAsync(date.Value, StaffId, version, cancellationToken);
            return $"{date:yyyy-MM-dd}: {(row.IsHoliday ? "closed" : "open")} {row.NameJa} -> -";
        }, cancellationToken), "StaffCal.Removed", () => Load(cancellationToken), new { year = date.Value.Year });
    }

    private async Task<IActionResult?> Invalid(CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(() => Load(cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        string? problem = Form.Date is not { } date || date.Year is < 2000 or > 2099 ? "StaffCal.DateInvalid"
            : string.IsNullOrWhiteSpace(Form.NameJa) ? "StaffCal.NameRequired"
            : Form.NameJa.Trim().Length > BusinessCalendarService.MaxNameLength || Form.NameEn?.Trim().Length > BusinessCalendarService.MaxNameLength ? "StaffCal.NameTooLong"
            : null;
        return problem is null ? null : await RefuseAsync(text[problem], StatusCodes.Status400BadRequest, () => Load(cancellationToken));
    }

    private async Task<CalendarEffect> EffectAsync(DateOnly date, bool closed, CancellationToken cancellationToken)
    {
        var today = Tokyo.Today(clock);
        var before = await calendar.GetAsync(cancellationToken);
        var after = await calendar.WithChangeAsync(date, closed, cancellationToken);
        return new CalendarEffect(today, date, before.IsBusinessDay(date), after.IsBusinessDay(date),
            before.AddBusinessDays(today, ScanLeadBusinessDays), after.AddBusinessDays(today, ScanLeadBusinessDays), Next(before, today), Next(after, today));
    }

    private static List<DateOnly> Next(BusinessCalendar calendar, DateOnly from) =>
        Enumerable.Range(1, 5).Select(n => calendar.AddBusinessDays(from, n)).ToList();

    private async Task<bool> Load(CancellationToken cancellationToken)
    {
        Overrides = await calendar.PageOverridesAsync(ShownYear, PageNumber, PageSize, cancellationToken);
        return true;
    }
}

/// <summary>The calendar form: a date, closed (company holiday) or open (business day), its name, and the version shown (0: new).</summary>
public sealed class OverrideForm
{
    public DateOnly? Date { get; set; }

    public bool Closed { get; set; } = true;

    public string? NameJa { get; set; }

    public string? NameEn { get; set; }

    public uint Version { get; set; }
}
