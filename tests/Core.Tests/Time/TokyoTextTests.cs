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
}
