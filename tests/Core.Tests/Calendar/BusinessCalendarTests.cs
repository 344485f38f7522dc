using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Tests.Support;

namespace CloudpackPlus.Core.Tests.Calendar;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Calendar = new(new BusinessCalendarOptions(), []);

    private static DateOnly D(string value) => DateOnly.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [Trait("Spec", "HOURS-1")]
    [InlineData("2024-02-12", false)] // substitute holiday
    [InlineData("2024-11-04", false)] // substitute holiday
    [InlineData("2026-09-22", false)] // citizens' holiday
    [InlineData("2025-12-29", false)] // year-end closure (Monday)
    [InlineData("2026-01-02", false)]
    [InlineData("2026-01-05", true)]
    [InlineData("2025-12-26", true)]
    [InlineData("2026-05-09", false)] // Saturday
    [InlineData("2026-05-11", true)]
    public void IsBusinessDay_ExcludesWeekendsHolidaysAndTheYearEndClosure(string date, bool expected) =>
        Assert.Equal(expected, Calendar.IsBusinessDay(D(date)));

    [Theory]
    [Trait("Spec", "HOURS-1")]
    [Trait("Spec", "WEB-5")]
    [InlineData("2026-05-11", 0, "2026-05-11")]
    [InlineData("2026-05-09", 0, "2026-05-11")]
    [InlineData("2026-05-11", 1, "2026-05-12")]
    [InlineData("2026-04-24", 5, "2026-05-07")] // across Golden Week: 27, 28, 30, 1, 7
    [InlineData("2025-12-25", 3, "2026-01-06")] // across the year-end closure: 26 Dec, then 5 and 6 Jan
    [InlineData("2026-09-18", 1, "2026-09-24")] // Silver Week: 21, 22, 23 are holidays
    [InlineData("2026-05-11", 20, "2026-06-08")]
    public void AddBusinessDays_CountsOnlyBusinessDays(string from, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.AddBusinessDays(D(from), days));

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public void NextBusinessSlot_MovesOutsideHoursToTheNextOpening()
    {
        Assert.Equal(CoreTestHost.Jst(2026, 5, 11, 10, 0), Calendar.NextBusinessSlot(CoreTestHost.Jst(2026, 5, 11, 7, 30)));
        Assert.Equal(CoreTestHost.Jst(2026, 5, 11, 15, 20), Calendar.NextBusinessSlot(CoreTestHost.Jst(2026, 5, 11, 15, 20)));
        Assert.Equal(CoreTestHost.Jst(2026, 5, 12, 10, 0), Calendar.NextBusinessSlot(CoreTestHost.Jst(2026, 5, 11, 19, 0)));
        Assert.Equal(CoreTestHost.Jst(2026, 5, 7, 10, 0), Calendar.NextBusinessSlot(CoreTestHost.Jst(2026, 5, 1, 20, 0)));
        Assert.Equal(CoreTestHost.Jst(2026, 1, 5, 10, 0), Calendar.NextBusinessSlot(CoreTestHost.Jst(2025, 12, 26, 23, 0)));
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public void BusinessTimeBetween_CountsOnlyBusinessHoursOfBusinessDays()
    {
        Assert.Equal(TimeSpan.FromHours(9), Calendar.BusinessTimeBetween(CoreTestHost.Jst(2026, 5, 11, 0, 0), CoreTestHost.Jst(2026, 5, 12, 0, 0)));
        Assert.Equal(TimeSpan.FromHours(3.5), Calendar.BusinessTimeBetween(CoreTestHost.Jst(2026, 5, 11, 18, 0), CoreTestHost.Jst(2026, 5, 12, 12, 30)));
        // Friday 18:00 → Thursday after Golden Week 11:00: 1 h + 1 h (Thu 7 May).
        Assert.Equal(TimeSpan.FromHours(2), Calendar.BusinessTimeBetween(CoreTestHost.Jst(2026, 5, 1, 18, 0), CoreTestHost.Jst(2026, 5, 7, 11, 0)));
        Assert.Equal(TimeSpan.Zero, Calendar.BusinessTimeBetween(CoreTestHost.Jst(2026, 5, 12, 0, 0), CoreTestHost.Jst(2026, 5, 11, 0, 0)));
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public void AddBusinessTime_ContinuesOnTheNextBusinessDay()
    {
        Assert.Equal(CoreTestHost.Jst(2026, 5, 12, 12, 0), Calendar.AddBusinessTime(CoreTestHost.Jst(2026, 5, 11, 17, 0), TimeSpan.FromHours(4)));
        Assert.Equal(CoreTestHost.Jst(2026, 5, 7, 11, 0), Calendar.AddBusinessTime(CoreTestHost.Jst(2026, 5, 1, 18, 0), TimeSpan.FromHours(2)));
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public void CompanyHolidays_AreConfigurable_AndOverridesWin()
    {
        var options = new BusinessCalendarOptions { CompanyHolidays = ["08-13", "08-14"] };
        var overrides = new[]
        {
            new CalendarOverride { Date = D("2026-06-15"), IsHoliday = true, NameJa = "創立記念日", NameEn = "Foundation anniversary" },
            new CalendarOverride { Date = D("2026-07-20"), IsHoliday = false, NameJa = "法改正により平日" },
        };
        var calendar = new BusinessCalendar(options, overrides);

        Assert.False(calendar.IsBusinessDay(D("2026-08-13")));
        Assert.True(calendar.IsBusinessDay(D("2026-12-29")));
        Assert.False(calendar.IsBusinessDay(D("2026-06-15")));
        Assert.True(calendar.IsBusinessDay(D("2026-07-20")));
        Assert.Equal(NonBusinessDayKind.Override, calendar.Why(D("2026-06-15"))!.Kind);
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public void NonBusinessWeekdays_ListsHolidaysAndTheClosureWithNames()
    {
        var days = Calendar.NonBusinessWeekdays(2026);

        Assert.Contains(days, d => d.Date == D("2026-09-22") && d.NameJa == "国民の休日" && d.Kind == NonBusinessDayKind.PublicHoliday);
        Assert.Contains(days, d => d.Date == D("2026-01-01") && d.NameJa == "元日");
        Assert.Contains(days, d => d.Date == D("2026-12-29") && d.NameJa == "年末年始休業" && d.Kind == NonBusinessDayKind.CompanyHoliday);
        Assert.Contains(days, d => d.Date == D("2026-01-02") && d.Kind == NonBusinessDayKind.CompanyHoliday);
        Assert.DoesNotContain(days, d => d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.DoesNotContain(days, d => d.Date == D("2026-05-03")); // a Sunday holiday is not a weekday
    }
}
