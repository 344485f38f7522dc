using CloudpackPlus.Core.Calendar;

namespace CloudpackPlus.Core.Tests.Calendar;

public sealed class JapaneseHolidaysTests
{
    public static TheoryData<int> OfficialYears => new(CabinetOfficeList.Years.Keys);

    [Theory]
    [Trait("Spec", "HOURS-1")]
    [MemberData(nameof(OfficialYears))]
    public void Holidays_MatchTheCabinetOfficeList_EveryYearFrom2000To2050(int year)
    {
        var expected = CabinetOfficeList.Years[year].Split(' ');
        var actual = JapaneseHolidays.For(year).Keys.Order().Select(d => d.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, actual);
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public void TheCheckedTable_CoversEveryYearFrom2000To2050() =>
        Assert.Equal(Enumerable.Range(2000, 51), CabinetOfficeList.Years.Keys.Order());

    [Theory]
    [Trait("Spec", "HOURS-1")]
    [InlineData("2003-05-06", null)] // before 2007 a Saturday 3 May had no substitute, and 4 May (a Sunday) no citizens' day
    [InlineData("2002-09-16", "振替休日")] // 15 Sep on a Sunday, before the 2003 Happy Monday move
    [InlineData("2001-07-20", "海の日")] // a fixed 20 July until 2002
    [InlineData("2006-04-29", "みどりの日")]
    [InlineData("2007-04-29", "昭和の日")]
    [InlineData("2015-08-11", null)] // Mountain Day from 2016
    [InlineData("2016-08-11", "山の日")]
    [InlineData("2018-12-23", "天皇誕生日")]
    [InlineData("2019-12-23", null)]
    [InlineData("2020-02-23", "天皇誕生日")]
    [InlineData("2019-05-01", "天皇の即位の日")]
    [InlineData("2019-04-30", "国民の休日")]
    [InlineData("2020-07-24", "スポーツの日")]
    [InlineData("2021-08-09", "振替休日")]
    public void TheLawsRevisions_TakeEffectOnTheirDates(string date, string? name) =>
        Assert.Equal(name, JapaneseHolidays.NameOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))?.Ja);

    [Theory]
    [Trait("Spec", "HOURS-1")]
    [InlineData("2024-02-12", "振替休日")]
    [InlineData("2024-11-04", "振替休日")]
    [InlineData("2024-09-23", "振替休日")]
    [InlineData("2025-11-24", "振替休日")]
    [InlineData("2026-05-06", "振替休日")]
    [InlineData("2026-09-22", "国民の休日")]
    [InlineData("2009-09-22", "国民の休日")]
    [InlineData("2015-09-22", "国民の休日")]
    [InlineData("2032-09-21", "国民の休日")]
    [InlineData("2037-09-22", "国民の休日")]
    [InlineData("2026-09-21", "敬老の日")]
    [InlineData("2026-10-12", "スポーツの日")]
    [InlineData("2019-10-14", "体育の日")]
    [InlineData("2024-02-11", "建国記念の日")]
    public void SubstituteAndCitizensHolidays_AreNamed(string date, string name) =>
        Assert.Equal(name, JapaneseHolidays.NameOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))?.Ja);

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public void EveryYear_From2000To2060_FollowsTheLawsRules()
    {
        for (var year = 2000; year <= 2060; year++)
        {
            var days = JapaneseHolidays.For(year);
            Assert.InRange(days.Count, 15, 22);
            foreach (var (date, name) in days)
            {
                Assert.Equal(year, date.Year);
                if (name.Ja == "振替休日")
                {
                    // A substitute follows a Sunday holiday, across any holidays in between.
                    var back = date.AddDays(-1);
                    while (days.ContainsKey(back) && back.DayOfWeek != DayOfWeek.Sunday)
                    {
                        back = back.AddDays(-1);
                    }

                    Assert.True(back.DayOfWeek == DayOfWeek.Sunday && days.ContainsKey(back), $"{date}: no Sunday holiday before it");
                }
            }

            foreach (var (date, name) in days.Where(d => d.Key.DayOfWeek == DayOfWeek.Sunday && d.Value.Ja is not "振替休日" and not "国民の休日"))
            {
                var next = date.AddDays(1);
                while (days.TryGetValue(next, out var n) && n.Ja != "振替休日")
                {
                    next = next.AddDays(1);
                }

                Assert.True(days.TryGetValue(next, out var substitute) && substitute.Ja == "振替休日", $"{date} ({name.Ja}) on a Sunday has no substitute");
            }
        }
    }
}
