using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudpackPlus.Core.Time;

/// <summary>Business dates are Asia/Tokyo; instants are UTC. These are the only conversions.</summary>
public static partial class Tokyo
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

    /// <summary>
    /// A text with the ISO instants and dates a workflow template wrote into it (a form's date or date-time field:
    /// 2026-12-07T14:00:00.0000000+09:00, 2027-01-06) in the reader's language, as <see cref="DateTimeText"/> and
    /// <see cref="DateText"/> show them; anything else (and an ISO string that is no real date) is kept as it is.
    /// </summary>
    public static string LocalizeIsoDates(string text, bool japanese) =>
        string.IsNullOrEmpty(text) ? text : IsoDate().Replace(text, m =>
            m.Groups["time"].Success
                ? DateTimeOffset.TryParse(m.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? DateTimeText(instant, japanese) : m.Value
                : DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? DateText(date, japanese) : m.Value);

    // A date, or an instant with its offset (a time without an offset names no instant: kept). Not inside a longer run of digits.
    [GeneratedRegex(@"(?<![\d-])\d{4}-\d{2}-\d{2}(?<time>T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))?(?![\d:T])", RegexOptions.CultureInvariant, 200)]
    private static partial Regex IsoDate();
}
