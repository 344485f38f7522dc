using System.Globalization;

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

    /// <summary>A business date in the reader's language, with the weekday: 2026年5月11日（月） / 2026-05-11 (Mon).</summary>
    public static string DateText(DateOnly date, bool japanese) => japanese
        ? date.ToString("yyyy年M月d日（ddd）", CultureInfo.GetCultureInfo("ja-JP"))
        : date.ToString("yyyy-MM-dd (ddd)", CultureInfo.GetCultureInfo("en-US"));

    /// <summary>An instant as a Tokyo date and time in the reader's language: 2026年5月11日（月） 10:00 / 2026-05-11 (Mon) 10:00 JST.</summary>
    public static string DateTimeText(DateTimeOffset instant, bool japanese) =>
        DateText(DateOf(instant), japanese) + ToTokyo(instant).ToString(japanese ? " HH:mm" : " HH:mm 'JST'", CultureInfo.InvariantCulture);
}
