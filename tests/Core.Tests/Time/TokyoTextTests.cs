using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Core.Tests.Time;

/// <summary>Dates and times in the reader's language (the portal's pages, mail and stored reminders share this format).</summary>
public sealed class TokyoTextTests
{
    [Fact]
    public void DateAndTime_AreJst_WithTheWeekday_InEachLanguage()
    {
        var instant = new DateTimeOffset(2026, 5, 19, 23, 30, 0, TimeSpan.Zero); // 20 May 08:30 in Tokyo
        Assert.Equal("2026年5月20日（水） 08:30", Tokyo.DateTimeText(instant, japanese: true));
        Assert.Equal("2026-05-20 (Wed) 08:30 JST", Tokyo.DateTimeText(instant, japanese: false));
        Assert.Equal("2027年3月31日（水）", Tokyo.DateText(new DateOnly(2027, 3, 31), japanese: true));
        Assert.Equal("2027-03-31 (Wed)", Tokyo.DateText(new DateOnly(2027, 3, 31), japanese: false));
    }

    /// <summary>
    /// A notification body rendered from a workflow template carries a form's values as ISO text: the kickoff's
    /// 「日時: 2026-12-07T14:00:00.0000000+09:00」 reached the customer as it was. Each language's body shows its own format.
    /// </summary>
    [Theory]
    [InlineData("日時: 2026-12-07T14:00:00.0000000+09:00(1時間)", true, "日時: 2026年12月7日（月） 14:00(1時間)")]
    [InlineData("When: 2026-12-07T05:00:00Z (1 hour)", false, "When: 2026-12-07 (Mon) 14:00 JST (1 hour)")]
    [InlineData("診断期間: 2027-01-06〜2027-01-08", true, "診断期間: 2027年1月6日（水）〜2027年1月8日（金）")]
    [InlineData("Scan period: 2027-01-06 to 2027-01-08", false, "Scan period: 2027-01-06 (Wed) to 2027-01-08 (Fri)")]
    [InlineData("開始 2026-12-07T14:00", true, "開始 2026-12-07T14:00")] // no offset: no instant, kept
    [InlineData("番号 2026-13-45 と 12026-12-07 と A-2026-00001", true, "番号 2026-13-45 と 12026-12-07 と A-2026-00001")]
    [InlineData("", true, "")]
    public void IsoDatesInAText_AreShownInTheReadersLanguage(string text, bool japanese, string expected) =>
        Assert.Equal(expected, Tokyo.LocalizeIsoDates(text, japanese));
}
