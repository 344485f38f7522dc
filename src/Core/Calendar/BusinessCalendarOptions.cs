namespace CloudpackPlus.Core.Calendar;

/// <summary>HOURS-1: company holidays and business hours (section <c>BusinessCalendar</c>).</summary>
public sealed class BusinessCalendarOptions
{
    /// <summary>Company holidays every year, as <c>MM-dd</c>; default the year-end closure 29 Dec – 3 Jan.</summary>
    public List<string> CompanyHolidays { get; set; } = ["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"];

    public string CompanyHolidayNameJa { get; set; } = "年末年始休業";

    public string CompanyHolidayNameEn { get; set; } = "Year-end and New Year closure";

    /// <summary>Business hours start, Tokyo time.</summary>
    public TimeOnly OpensAt { get; set; } = new(10, 0);

    /// <summary>Business hours end, Tokyo time.</summary>
    public TimeOnly ClosesAt { get; set; } = new(19, 0);
}
