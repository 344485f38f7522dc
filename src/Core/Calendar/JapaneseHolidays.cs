using System.Collections.Concurrent;

namespace CloudpackPlus.Core.Calendar;

/// <summary>A named day: Japanese name for the UI, English for the English UI.</summary>
public sealed record HolidayName(string Ja, string En);

/// <summary>
/// Japanese public holidays (国民の祝日, 振替休日, 国民の休日), computed from the holiday law
/// (国民の祝日に関する法律) as each revision took effect: the Happy Monday moves of 2000 and 2003,
/// Marine Day from 1996, Mountain Day from 2016, the Emperor's Birthday of each reign, the substitute
/// rule of 1973 and its 2007 extension, the citizens' holiday from 1985, and the one-off laws (1989,
/// 1990, 1993, 2019–2021). Checked in the tests against the Cabinet Office's list for every year it
/// covers. Later changes of the law are entered by staff as <see cref="CalendarOverride"/> rows.
/// </summary>
public static class JapaneseHolidays
{
    private static readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, HolidayName>> Cache = new();

    private static readonly HolidayName Substitute = new("振替休日", "Substitute holiday");
    private static readonly HolidayName Citizens = new("国民の休日", "Citizens' holiday");

    private static readonly DateOnly SubstituteRuleFrom = new(1973, 4, 12);
    private static readonly DateOnly CitizensRuleFrom = new(1985, 12, 27);

    public static bool IsHoliday(DateOnly date) => For(date.Year).ContainsKey(date);

    public static HolidayName? NameOf(DateOnly date) => For(date.Year).GetValueOrDefault(date);

    /// <summary>Every holiday of the year, including those on weekends.</summary>
    public static IReadOnlyDictionary<DateOnly, HolidayName> For(int year) => Cache.GetOrAdd(year, Compute);

    private static IReadOnlyDictionary<DateOnly, HolidayName> Compute(int year)
    {
        // The days of January of the next year matter: a substitute of 31 Dec cannot arise (31 Dec is no
        // holiday), so one year is computed on its own.
        var national = NationalHolidays(year);
        var days = new Dictionary<DateOnly, HolidayName>(national);
        AddSubstituteHolidays(national, days);
        AddCitizensHolidays(year, national, days);
        return days;
    }

    // 第3条第2項: a holiday on a Sunday moves its rest to the next day (1973-2006) or to the next day
    // that is not a holiday (from 2007).
    private static void AddSubstituteHolidays(Dictionary<DateOnly, HolidayName> national, Dictionary<DateOnly, HolidayName> days)
    {
        foreach (var sunday in national.Keys.Where(d => d.DayOfWeek == DayOfWeek.Sunday && d >= SubstituteRuleFrom).ToList())
        {
            var next = sunday.AddDays(1);
            if (sunday.Year >= 2007)
            {
                while (national.ContainsKey(next))
                {
                    next = next.AddDays(1);
                }
            }

            days.TryAdd(next, Substitute);
        }
    }

    // 第3条第3項 (from 27 Dec 1985): a day between two national holidays is a holiday, unless it is a
    // Sunday or already a holiday.
    private static void AddCitizensHolidays(int year, Dictionary<DateOnly, HolidayName> national, Dictionary<DateOnly, HolidayName> days)
    {
        foreach (var date in national.Keys.Where(d => national.ContainsKey(d.AddDays(2))).Select(d => d.AddDays(1)).ToList())
        {
            if (date.Year == year && date >= CitizensRuleFrom && date.DayOfWeek != DayOfWeek.Sunday && !days.ContainsKey(date))
            {
                days[date] = Citizens;
            }
        }
    }

    private static Dictionary<DateOnly, HolidayName> NationalHolidays(int year)
    {
        var days = new Dictionary<DateOnly, HolidayName>();
        void Add(int month, int day, string ja, string en) => days[new DateOnly(year, month, day)] = new HolidayName(ja, en);
        void AddMonday(int month, int nth, string ja, string en) => days[NthMonday(year, month, nth)] = new HolidayName(ja, en);

        Add(1, 1, "元日", "New Year's Day");
        if (year <= 1999) { Add(1, 15, "成人の日", "Coming of Age Day"); } else { AddMonday(1, 2, "成人の日", "Coming of Age Day"); }
        if (year >= 1967) { Add(2, 11, "建国記念の日", "National Foundation Day"); }
        if (year >= 2020) { Add(2, 23, "天皇誕生日", "Emperor's Birthday"); }
        Add(3, VernalEquinoxDay(year), "春分の日", "Vernal Equinox Day");
        if (year <= 1988) { Add(4, 29, "天皇誕生日", "Emperor's Birthday"); }
        else if (year <= 2006) { Add(4, 29, "みどりの日", "Greenery Day"); }
        else { Add(4, 29, "昭和の日", "Showa Day"); }
        Add(5, 3, "憲法記念日", "Constitution Memorial Day");
        if (year >= 2007) { Add(5, 4, "みどりの日", "Greenery Day"); }
        Add(5, 5, "こどもの日", "Children's Day");
        AddMarineDay(year, days);
        AddMountainDay(year, days);
        if (year >= 1966 && year <= 2002) { Add(9, 15, "敬老の日", "Respect for the Aged Day"); }
        else if (year >= 2003) { AddMonday(9, 3, "敬老の日", "Respect for the Aged Day"); }
        Add(9, AutumnalEquinoxDay(year), "秋分の日", "Autumnal Equinox Day");
        AddSportsDay(year, days);
        Add(11, 3, "文化の日", "Culture Day");
        Add(11, 23, "勤労感謝の日", "Labour Thanksgiving Day");
        if (year >= 1989 && year <= 2018) { Add(12, 23, "天皇誕生日", "Emperor's Birthday"); }
        AddOneOffDays(year, days);
        return days;
    }

    private static void AddMarineDay(int year, Dictionary<DateOnly, HolidayName> days)
    {
        var name = new HolidayName("海の日", "Marine Day");
        DateOnly? date = year switch
        {
            < 1996 => null,
            <= 2002 => new DateOnly(year, 7, 20),
            2020 => new DateOnly(2020, 7, 23), // the Tokyo Olympics special law
            2021 => new DateOnly(2021, 7, 22),
            _ => NthMonday(year, 7, 3),
        };
        if (date is { } d)
        {
            days[d] = name;
        }
    }

    private static void AddMountainDay(int year, Dictionary<DateOnly, HolidayName> days)
    {
        var name = new HolidayName("山の日", "Mountain Day");
        DateOnly? date = year switch
        {
            < 2016 => null,
            2020 => new DateOnly(2020, 8, 10),
            2021 => new DateOnly(2021, 8, 8),
            _ => new DateOnly(year, 8, 11),
        };
        if (date is { } d)
        {
            days[d] = name;
        }
    }

    private static void AddSportsDay(int year, Dictionary<DateOnly, HolidayName> days)
    {
        if (year < 1966)
        {
            return;
        }

        var name = year >= 2020 ? new HolidayName("スポーツの日", "Sports Day") : new HolidayName("体育の日", "Health and Sports Day");
        var date = year switch
        {
            <= 1999 => new DateOnly(year, 10, 10),
            2020 => new DateOnly(2020, 7, 24),
            2021 => new DateOnly(2021, 7, 23),
            _ => NthMonday(year, 10, 2),
        };
        days[date] = name;
    }

    // Holidays made by their own laws for one day.
    private static void AddOneOffDays(int year, Dictionary<DateOnly, HolidayName> days)
    {
        switch (year)
        {
            case 1959:
                days[new(1959, 4, 10)] = new("皇太子明仁親王の結婚の儀", "Wedding of Crown Prince Akihito");
                break;
            case 1989:
                days[new(1989, 2, 24)] = new("昭和天皇の大喪の礼", "Funeral of Emperor Showa");
                break;
            case 1990:
                days[new(1990, 11, 12)] = new("即位礼正殿の儀", "Enthronement Ceremony Day");
                break;
            case 1993:
                days[new(1993, 6, 9)] = new("皇太子徳仁親王の結婚の儀", "Wedding of Crown Prince Naruhito");
                break;
            case 2019:
                days[new(2019, 5, 1)] = new("天皇の即位の日", "Enthronement Day");
                days[new(2019, 10, 22)] = new("即位礼正殿の儀の行われる日", "Enthronement Ceremony Day");
                break;
        }
    }

    private static DateOnly NthMonday(int year, int month, int nth)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (nth - 1)));
    }

    // The customary approximation (valid 1980–2099) that the Cabinet Office's announcements have matched.
    private static int VernalEquinoxDay(int year) => (int)Math.Floor(20.8431 + (0.242194 * (year - 1980)) - Math.Floor((year - 1980) / 4.0));

    private static int AutumnalEquinoxDay(int year) => (int)Math.Floor(23.2488 + (0.242194 * (year - 1980)) - Math.Floor((year - 1980) / 4.0));
}
