namespace CloudpackPlus.Core.Time;

/// <summary>Business dates are Asia/Tokyo; instants are UTC. These are the only conversions.</summary>
public static class Tokyo
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static DateTimeOffset ToTokyo(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToTokyo(instant).DateTime);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    /// <summary>The instant a Tokyo wall-clock time occurs (Japan has no daylight saving: always +09:00).</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) =>
        new DateTimeOffset(date.ToDateTime(time), Zone.BaseUtcOffset).ToUniversalTime();

    public static DateTimeOffset StartOfDay(DateOnly date) => At(date, TimeOnly.MinValue);
}
