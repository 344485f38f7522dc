using System.Globalization;
using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Core.Calendar;

public enum NonBusinessDayKind
{
    Weekend,
    PublicHoliday,
    CompanyHoliday,

    /// <summary>A staff override (<see cref="CalendarOverride"/>).</summary>
    Override,
}

/// <summary>Why a date is not a business day.</summary>
public sealed record NonBusinessDay(DateOnly Date, NonBusinessDayKind Kind, string NameJa, string NameEn);

/// <summary>
/// HOURS-1: business days are weekdays that are neither Japanese public holidays nor company
/// holidays (staff overrides win over both); business hours are 10:00–19:00 Asia/Tokyo. A pure
/// value built by <see cref="BusinessCalendarService"/> from the options and the overrides.
/// </summary>
public sealed class BusinessCalendar
{
    private const int MaxScanDays = 3660;
    private readonly BusinessCalendarOptions _options;
    private readonly Dictionary<DateOnly, CalendarOverride> _overrides;
    private readonly HashSet<(int Month, int Day)> _companyHolidays;

    public BusinessCalendar(BusinessCalendarOptions options, IEnumerable<CalendarOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(overrides);
        if (options.ClosesAt <= options.OpensAt)
        {
            throw new ArgumentException("Business hours must close after they open.", nameof(options));
        }

        _options = options;
        _overrides = overrides.ToDictionary(o => o.Date);
        _companyHolidays = options.CompanyHolidays.Select(ParseMonthDay).ToHashSet();
    }

    public TimeOnly OpensAt => _options.OpensAt;

    public TimeOnly ClosesAt => _options.ClosesAt;

    /// <summary>Null for a business day, else why it is not one.</summary>
    public NonBusinessDay? Why(DateOnly date)
    {
        if (_overrides.TryGetValue(date, out var o))
        {
            return o.IsHoliday ? new NonBusinessDay(date, NonBusinessDayKind.Override, o.NameJa, o.NameEn ?? o.NameJa) : null;
        }

        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return new NonBusinessDay(date, NonBusinessDayKind.Weekend, date.DayOfWeek == DayOfWeek.Saturday ? "土曜日" : "日曜日", date.DayOfWeek.ToString());
        }

        if (JapaneseHolidays.NameOf(date) is { } holiday)
        {
            return new NonBusinessDay(date, NonBusinessDayKind.PublicHoliday, holiday.Ja, holiday.En);
        }

        return _companyHolidays.Contains((date.Month, date.Day))
            ? new NonBusinessDay(date, NonBusinessDayKind.CompanyHoliday, _options.CompanyHolidayNameJa, _options.CompanyHolidayNameEn)
            : null;
    }

    public bool IsBusinessDay(DateOnly date) => Why(date) is null;

    /// <summary>The first business day after <paramref name="date"/>.</summary>
    public DateOnly NextBusinessDay(DateOnly date) => AddBusinessDays(date, 1);

    /// <summary>
    /// The <paramref name="days"/>-th business day after <paramref name="from"/> (which itself does
    /// not count); 0 gives <paramref name="from"/> when it is a business day, else the next one.
    /// WEB-5: the earliest scan date is <c>AddBusinessDays(applicationDate, 20)</c>.
    /// </summary>
    public DateOnly AddBusinessDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        if (days == 0)
        {
            return FirstBusinessDayFrom(date);
        }

        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsBusinessDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>The instant itself when within business hours of a business day, else the next opening.</summary>
    public DateTimeOffset NextBusinessSlot(DateTimeOffset instant)
    {
        var local = Tokyo.ToTokyo(instant);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (IsBusinessDay(date) && time < ClosesAt)
        {
            return time < OpensAt ? Tokyo.At(date, OpensAt) : instant.ToUniversalTime();
        }

        return Tokyo.At(NextBusinessDay(date), OpensAt);
    }

    /// <summary>Business time (hours on business days) between two instants; zero when <paramref name="to"/> is not later.</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        for (var date = Tokyo.DateOf(from); date <= Tokyo.DateOf(to); date = date.AddDays(1))
        {
            if (!IsBusinessDay(date))
            {
                continue;
            }

            var start = Max(from, Tokyo.At(date, OpensAt));
            var end = Min(to, Tokyo.At(date, ClosesAt));
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }

    /// <summary>The instant when <paramref name="duration"/> of business time has passed since <paramref name="from"/> (due dates).</summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset from, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var at = NextBusinessSlot(from);
        var left = duration;
        while (true)
        {
            var close = Tokyo.At(Tokyo.DateOf(at), ClosesAt);
            if (at + left <= close)
            {
                return at + left;
            }

            left -= close - at;
            at = Tokyo.At(NextBusinessDay(Tokyo.DateOf(at)), OpensAt);
        }
    }

    /// <summary>The weekdays of a year that are not business days, with their names (for the portal's calendar).</summary>
    public IReadOnlyList<NonBusinessDay> NonBusinessWeekdays(int year)
    {
        var list = new List<NonBusinessDay>();
        for (var date = new DateOnly(year, 1, 1); date.Year == year; date = date.AddDays(1))
        {
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && Why(date) is { } why)
            {
                list.Add(why);
            }
        }

        return list;
    }

    private DateOnly FirstBusinessDayFrom(DateOnly date)
    {
        for (var i = 0; i < MaxScanDays; i++, date = date.AddDays(1))
        {
            if (IsBusinessDay(date))
            {
                return date;
            }
        }

        throw new InvalidOperationException("No business day within ten years: check the calendar overrides.");
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static (int, int) ParseMonthDay(string value)
    {
        var date = DateTime.ParseExact(value.Trim(), "MM-dd", CultureInfo.InvariantCulture);
        return (date.Month, date.Day);
    }
}
