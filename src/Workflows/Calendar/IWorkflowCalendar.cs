namespace CloudpackPlus.Workflows.Calendar;

/// <summary>
/// The business calendar the runtime uses for due dates and business-day timers. Core's Japanese
/// calendar (public and company holidays) plugs in with an adapter; the default counts weekdays only.
/// </summary>
public interface IWorkflowCalendar
{
    /// <summary>The instant <paramref name="days"/> business days after <paramref name="from"/>, at the same Tokyo time of day.</summary>
    DateTimeOffset AddBusinessDays(DateTimeOffset from, int days);

    /// <summary>The due instant of work given <paramref name="days"/> business days from <paramref name="from"/>: end of that business day (19:00 JST).</summary>
    DateTimeOffset DueDate(DateTimeOffset from, int days);

    /// <summary>Whether work from <paramref name="start"/> lasting <paramref name="duration"/> lies within one business day's hours (HOURS-1: 10:00–19:00 JST).</summary>
    bool IsWithinBusinessHours(DateTimeOffset start, TimeSpan duration);
}

/// <summary>Default calendar: Monday–Friday in Asia/Tokyo, no holidays; business day ends at 19:00.</summary>
public sealed class WeekdayCalendar : IWorkflowCalendar
{
    /// <summary>Asia/Tokyo.</summary>
    public static TimeZoneInfo Tokyo { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    /// <inheritdoc />
    public DateTimeOffset AddBusinessDays(DateTimeOffset from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = TimeZoneInfo.ConvertTime(from, Tokyo);
        var date = local.Date;
        var added = 0;
        while (added < days)
        {
            date = date.AddDays(1);
            if (IsBusinessDay(date))
            {
                added++;
            }
        }

        return new DateTimeOffset(date + local.TimeOfDay, Tokyo.GetUtcOffset(date)).ToUniversalTime();
    }

    /// <inheritdoc />
    public DateTimeOffset DueDate(DateTimeOffset from, int days)
    {
        var day = TimeZoneInfo.ConvertTime(AddBusinessDays(from, days), Tokyo).Date;
        return new DateTimeOffset(day.AddHours(19), Tokyo.GetUtcOffset(day)).ToUniversalTime();
    }

    /// <inheritdoc />
    public bool IsWithinBusinessHours(DateTimeOffset start, TimeSpan duration)
    {
        var local = TimeZoneInfo.ConvertTime(start, Tokyo);
        var end = local + duration;
        return IsBusinessDay(local.Date) && end.Date == local.Date
            && local.TimeOfDay >= TimeSpan.FromHours(10) && end.TimeOfDay <= TimeSpan.FromHours(19);
    }

    private static bool IsBusinessDay(DateTime date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
