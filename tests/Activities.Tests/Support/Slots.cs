using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Activities.Tests.Support;

/// <summary>Meeting slots relative to a test's clock (tests of one fixture share a clock that only moves forward).</summary>
public static class Slots
{
    /// <summary>
    /// <paramref name="hour"/>:<paramref name="minute"/> JST on the second weekday after today (or the next Saturday),
    /// skipping weekends and Japanese holidays.
    /// </summary>
    public static DateTimeOffset Next(TimeProvider clock, int hour, int minute, bool saturday = false)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var day = Tokyo.Today(clock).AddDays(2);
        while (saturday ? day.DayOfWeek != DayOfWeek.Saturday : day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || Core.Calendar.JapaneseHolidays.IsHoliday(day))
        {
            day = day.AddDays(1);
        }

        return Tokyo.At(day, new TimeOnly(hour, minute));
    }
}
