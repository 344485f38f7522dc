using System.Globalization;

namespace CloudpackPlus.Portal.Localization;

/// <summary>Japanese first: ja-JP is the default, en-US selectable; dates are shown in JST.</summary>
public static class PortalCultures
{
    public const string Japanese = "ja-JP";
    public const string English = "en-US";

    public static readonly string[] Supported = [Japanese, English];

    public static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static string Normalize(string? culture) => culture == English ? English : Japanese;

    /// <summary>A refused programme rule's message in the reader's language.</summary>
    public static string MessageOf(CloudpackPlus.Core.Errors.ProgrammeRuleException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return IsJapanese ? error.Message : error.MessageEn;
    }

    /// <summary>The reader's language (ja-JP or en-US): what a new account invited by this reader starts with.</summary>
    public static string Current => IsJapanese ? Japanese : English;

    public static bool IsJapanese => CultureInfo.CurrentUICulture.Name.StartsWith("ja", StringComparison.Ordinal);

    /// <summary>An instant as a JST date, weekday and time: 2026年5月11日（月） 10:00 / 2026-05-11 (Mon) 10:00 JST.</summary>
    public static string DateTime(DateTimeOffset instant) => Core.Time.Tokyo.DateTimeText(instant, IsJapanese);

    /// <summary>A business date: 2026年5月11日（月） / 2026-05-11 (Mon).</summary>
    public static string Date(DateOnly date) => Core.Time.Tokyo.DateText(date, IsJapanese);

    /// <summary>Today in Tokyo.</summary>
    public static DateOnly TodayIn(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Tokyo).DateTime);
    }
}
