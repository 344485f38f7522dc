using System.Collections.Concurrent;
using PublicHoliday;

namespace CloudpackPlus.Core.Calendar;

/// <summary>A named day: Japanese name for the UI, English for the English UI.</summary>
public sealed record HolidayName(string Ja, string En);

/// <summary>
/// Japanese public holidays (国民の祝日, 振替休日, 国民の休日). The <c>PublicHoliday</c> package computes
/// the regular and substitute holidays; this class adds what it gets wrong or lacks, all checked in
/// the tests: citizens' holidays (a weekday between two holidays, e.g. 2026-09-22), the nominal
/// date of a holiday moved by substitution, Japanese names, and the one-off laws of 2019–2021.
/// Later changes of the law are entered by staff as <see cref="CalendarOverride"/> rows.
/// </summary>
public static class JapaneseHolidays
{
    private static readonly JapanPublicHoliday Library = new();
    private static readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, HolidayName>> Cache = new();

    private static readonly HolidayName Substitute = new("振替休日", "Substitute holiday");
    private static readonly HolidayName Citizens = new("国民の休日", "Citizens' holiday");

    public static bool IsHoliday(DateOnly date) => For(date.Year).ContainsKey(date);

    public static HolidayName? NameOf(DateOnly date) => For(date.Year).GetValueOrDefault(date);

    /// <summary>Every holiday of the year, including those on weekends.</summary>
    public static IReadOnlyDictionary<DateOnly, HolidayName> For(int year) => Cache.GetOrAdd(year, Compute);

    private static IReadOnlyDictionary<DateOnly, HolidayName> Compute(int year)
    {
        var days = new Dictionary<DateOnly, HolidayName>();
        foreach (var (when, english) in Library.PublicHolidayNames(year))
        {
            var date = DateOnly.FromDateTime(when);
            var name = Translate(english, year);
            var nominal = NominalDate(english, year);
            if (nominal is { } n && n != date)
            {
                // The package moves a Sunday holiday to its substitute day; keep both.
                days[n] = name;
                days[date] = Substitute;
            }
            else
            {
                days[date] = name;
            }
        }

        ApplySpecialLaws(year, days);
        AddCitizensHolidays(year, days);
        return days;
    }

    // 国民の祝日に関する法律 第3条第3項: a day between two holidays is a holiday (only a Sunday is not changed by it).
    private static void AddCitizensHolidays(int year, Dictionary<DateOnly, HolidayName> days)
    {
        bool IsNationalHoliday(DateOnly d) => days.TryGetValue(d, out var name) && name != Substitute && name != Citizens;
        foreach (var date in days.Keys.Where(d => IsNationalHoliday(d) && IsNationalHoliday(d.AddDays(2))).Select(d => d.AddDays(1)).ToList())
        {
            if (date.Year == year && !days.ContainsKey(date) && date.DayOfWeek != DayOfWeek.Sunday)
            {
                days[date] = Citizens;
            }
        }
    }

    private static void ApplySpecialLaws(int year, Dictionary<DateOnly, HolidayName> days)
    {
        void Move(DateOnly from, DateOnly to, HolidayName name)
        {
            days.Remove(from);
            days[to] = name;
        }

        switch (year)
        {
            case 2019: // the enthronement: 天皇の即位の日 and 即位礼正殿の儀; no Emperor's Birthday in 2019
                days[new(2019, 5, 1)] = new("天皇の即位の日", "Enthronement Day");
                days[new(2019, 10, 22)] = new("即位礼正殿の儀の行われる日", "Enthronement Ceremony Day");
                days.Remove(new(2019, 12, 23));
                break;
            case 2020: // the Tokyo Olympics moved three holidays
                Move(new(2020, 7, 20), new(2020, 7, 23), new("海の日", "Marine Day"));
                Move(new(2020, 10, 12), new(2020, 7, 24), new("スポーツの日", "Sports Day"));
                Move(new(2020, 8, 11), new(2020, 8, 10), new("山の日", "Mountain Day"));
                break;
            case 2021:
                Move(new(2021, 7, 19), new(2021, 7, 22), new("海の日", "Marine Day"));
                Move(new(2021, 10, 11), new(2021, 7, 23), new("スポーツの日", "Sports Day"));
                Move(new(2021, 8, 11), new(2021, 8, 8), new("山の日", "Mountain Day"));
                days[new(2021, 8, 9)] = Substitute;
                break;
        }
    }

    private static DateOnly? NominalDate(string english, int year) => english switch
    {
        "New Year" => new(year, 1, 1),
        "Foundation Day" => new(year, 2, 11),
        "Emperor's Birthday" => year >= 2020 ? new(year, 2, 23) : new(year, 12, 23),
        "Vernal Equinox Day" => new(year, 3, VernalEquinoxDay(year)),
        "Shōwa Day" => new(year, 4, 29),
        "Constitution Memorial Day" => new(year, 5, 3),
        "Greenery Day" => new(year, 5, 4),
        "Children's Day" => new(year, 5, 5),
        "Mountain Day" => new(year, 8, 11),
        "Autumnal Equinox Day" => new(year, 9, AutumnalEquinoxDay(year)),
        "Culture Day" => new(year, 11, 3),
        "Labour Thanksgiving Day" => new(year, 11, 23),
        _ => null, // Happy-Monday holidays are always Mondays
    };

    // The customary approximation (valid 1980–2099) the Cabinet Office's announcements have matched.
    private static int VernalEquinoxDay(int year) => (int)Math.Floor(20.8431 + (0.242194 * (year - 1980)) - Math.Floor((year - 1980) / 4.0));

    private static int AutumnalEquinoxDay(int year) => (int)Math.Floor(23.2488 + (0.242194 * (year - 1980)) - Math.Floor((year - 1980) / 4.0));

    private static HolidayName Translate(string english, int year) => english switch
    {
        "New Year" => new("元日", "New Year's Day"),
        "Coming Of Age Day" => new("成人の日", "Coming of Age Day"),
        "Foundation Day" => new("建国記念の日", "National Foundation Day"),
        "Emperor's Birthday" => new("天皇誕生日", "Emperor's Birthday"),
        "Vernal Equinox Day" => new("春分の日", "Vernal Equinox Day"),
        "Shōwa Day" => new("昭和の日", "Showa Day"),
        "Constitution Memorial Day" => new("憲法記念日", "Constitution Memorial Day"),
        "Greenery Day" => new("みどりの日", "Greenery Day"),
        "Children's Day" => new("こどもの日", "Children's Day"),
        "Marine Day" => new("海の日", "Marine Day"),
        "Mountain Day" => new("山の日", "Mountain Day"),
        "Respect For The Aged Day" => new("敬老の日", "Respect for the Aged Day"),
        "Autumnal Equinox Day" => new("秋分の日", "Autumnal Equinox Day"),
        "Health And Sports Day" => year >= 2020 ? new("スポーツの日", "Sports Day") : new("体育の日", "Health and Sports Day"),
        "Culture Day" => new("文化の日", "Culture Day"),
        "Labour Thanksgiving Day" => new("勤労感謝の日", "Labour Thanksgiving Day"),
        _ => new(english, english),
    };
}
