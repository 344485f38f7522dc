namespace CloudpackPlus.Core.Time;

/// <summary>
/// A fiscal year of the programme: 1 April to 31 March (Asia/Tokyo). FY2025 runs from
/// 2025-04-01 to 2026-03-31; its ranks come from calendar year 2024's transactions (RANK-2).
/// </summary>
public readonly record struct FiscalYear(int StartYear) : IComparable<FiscalYear>
{
    public DateOnly FirstDay => new(StartYear, 4, 1);

    public DateOnly LastDay => new(StartYear + 1, 3, 31);

    /// <summary>The calendar year whose transactions decide this fiscal year's rank.</summary>
    public int RankBasisCalendarYear => StartYear - 1;

    public FiscalYear Previous => new(StartYear - 1);

    public FiscalYear Next => new(StartYear + 1);

    /// <summary>The instant the fiscal year starts: 1 April 00:00 Asia/Tokyo.</summary>
    public DateTimeOffset StartsAt => Tokyo.StartOfDay(FirstDay);

    public static FiscalYear Of(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    public static FiscalYear Of(DateTimeOffset instant) => Of(Tokyo.DateOf(instant));

    public static FiscalYear Current(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Of(clock.GetUtcNow());
    }

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public int CompareTo(FiscalYear other) => StartYear.CompareTo(other.StartYear);

    public static bool operator <(FiscalYear left, FiscalYear right) => left.CompareTo(right) < 0;

    public static bool operator >(FiscalYear left, FiscalYear right) => left.CompareTo(right) > 0;

    public static bool operator <=(FiscalYear left, FiscalYear right) => left.CompareTo(right) <= 0;

    public static bool operator >=(FiscalYear left, FiscalYear right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"FY{StartYear}";
}
