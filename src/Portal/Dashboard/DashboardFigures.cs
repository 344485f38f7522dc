using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Portal.Dashboard;

/// <summary>Whose work the dashboard counts: everyone's, mine (companies I own, applications and tasks I hold), or my companies (owner, or backup of an away owner).</summary>
public enum DashboardScope
{
    All,
    Mine,
    Companies,
}

/// <summary>
/// One rank's figures for the fiscal year: companies, tickets granted / used / lapsed / adjusted (signed) / left
/// (Granted − Used − Lapsed + Adjusted = Remaining), companies that used nothing or are about to run out, basic-service proposals used and allowed.
/// </summary>
public sealed record RankFigures(string Rank, int Companies, int Granted, int Used, int Remaining, int Unused, int Low, int ProposalsAllowed, int ProposalsUsed, int Lapsed = 0, int Adjusted = 0);

/// <summary>A company on one of the dashboard's lists (Granted − Used − Lapsed + Adjusted = Remaining).</summary>
public sealed record CompanyFigure(Guid Id, string Code, string Name, string Rank, int Granted, int Used, int Remaining, int Lapsed = 0, int Adjusted = 0);

/// <summary>The first rows of a list and how many there are in all (the CSV has them all).</summary>
public sealed record RowsOf<T>(IReadOnlyList<T> Rows, int Total);

/// <summary>Open applications of one status whose age (days since applied, Tokyo dates) falls in one bucket of <see cref="DashboardFigures.AgeBuckets"/>.</summary>
public sealed record ApplicationAgeCell(string Status, int Bucket, int Count);

/// <summary>An open or claimed task past its due time.</summary>
public sealed record OverdueTask(
    Guid Id, string Title, string? TitleEn, string? CompanyCode, string? CompanyName, Guid? ApplicationId, string? ApplicationNumber,
    DateTimeOffset DueAt, int DaysOverdue, string? ClaimedBy);

/// <summary>Everything /Staff/Dashboard shows for one fiscal year and scope.</summary>
public sealed record DashboardFigures(
    FiscalYear Year,
    DateOnly Today,
    int DaysToLapse,
    IReadOnlyList<RankFigures> Ranks,
    RowsOf<CompanyFigure> Unused,
    RowsOf<CompanyFigure> Low,
    IReadOnlyList<ApplicationAgeCell> Applications,
    IReadOnlyList<int> OverdueBuckets,
    RowsOf<OverdueTask> Overdue)
{
    /// <summary>Upper bounds (days, inclusive) of the application age buckets; the last bucket is open-ended.</summary>
    public static readonly int[] AgeBuckets = [7, 30, 90];

    /// <summary>Upper bounds (days overdue, inclusive) of the overdue-task buckets; the last bucket is open-ended.</summary>
    public static readonly int[] OverdueBounds = [3, 7, 14];

    /// <summary>The ranks in their order, best first (rows without a rank this year last).</summary>
    public static readonly string[] RankOrder = ["Platinum", "Gold", "Silver", "Bronze", "Regular", ""];

    /// <summary>Open statuses in workflow order.</summary>
    public static readonly string[] OpenStatuses = ["Submitted", "Scheduling", "Scheduled", "InProgress"];
}

/// <summary>Business numbers of the dashboard (configuration section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    /// <summary>A company is "about to run out" when it has tickets left but at most this share (percent) of its grant.</summary>
    public int LowBalancePercent { get; set; } = 25;

    /// <summary>Rows of each list shown on the page; the CSV export has every row.</summary>
    public int ListRows { get; set; } = 50;
}
