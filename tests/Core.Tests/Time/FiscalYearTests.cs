using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Core.Tests.Time;

public sealed class FiscalYearTests
{
    [Fact]
    [Trait("Spec", "TKT-2")]
    public void FiscalYear_RunsFromFirstAprilToThirtyFirstMarch_InTokyo()
    {
        // 1 April 00:00 JST is still 31 March in UTC.
        Assert.Equal(new FiscalYear(2025), FiscalYear.Of(CoreTestHost.Jst(2026, 3, 31, 23, 59)));
        Assert.Equal(new FiscalYear(2026), FiscalYear.Of(CoreTestHost.Jst(2026, 4, 1, 0, 0)));
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero), new FiscalYear(2026).StartsAt);
        Assert.Equal((new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31)), (new FiscalYear(2025).FirstDay, new FiscalYear(2025).LastDay));
        Assert.Equal("FY2025", new FiscalYear(2025).ToString());
    }

    [Fact]
    [Trait("Spec", "RANK-2")]
    public void RankBasis_IsThePreviousCalendarYear()
    {
        // The source's example: 2024's transactions decide the rank for 2025-04-01..2026-03-31.
        Assert.Equal(2024, FiscalYear.Of(new DateOnly(2025, 4, 1)).RankBasisCalendarYear);
        Assert.Equal(2024, FiscalYear.Of(new DateOnly(2026, 3, 31)).RankBasisCalendarYear);
    }
}
