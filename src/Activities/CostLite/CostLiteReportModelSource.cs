using System.Globalization;
using CloudpackPlus.Activities.Reports;

namespace CloudpackPlus.Activities.CostLite;

/// <summary>COST-L's report model, from the collection's summary kept in the instance variable <c>costLite</c>.</summary>
public sealed class CostLiteReportModelSource : IReportModelSource
{
    /// <inheritdoc />
    public string ServiceId => "COST-L";

    /// <inheritdoc />
    public Task<ReportModel> BuildAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var summary = CostLiteSummary.FromPlain(request.Variables.GetValueOrDefault(CostLiteSummary.Variable))
            ?? throw new InvalidOperationException($"The instance has no '{CostLiteSummary.Variable}' variable: run CollectCostLite and keep its summary first.");
        var months = summary.Spend.Months;
        DateOnly? from = months.Count > 0 ? DateOnly.ParseExact(months[0] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        DateOnly? to = months.Count > 0 ? DateOnly.ParseExact(months[^1] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1).AddDays(-1) : null;
        var model = new CostLiteReportModel(summary);
        return Task.FromResult(new ReportModel(model, summary.Account, from, to,
            [.. summary.Calls.Select(c => new ReportAwsCall(c.Action, c.Calls))]));
    }
}

/// <summary>What the COST-L templates see as <c>model</c> (snake_case in the template).</summary>
/// <param name="Summary">The collected aggregates.</param>
public sealed record CostLiteReportModel(CostLiteSummary Summary)
{
    /// <summary>The account.</summary>
    public string Account => Summary.Account;

    /// <summary>Compute Optimizer's region.</summary>
    public string Region => Summary.Region;

    /// <summary>Estimated monthly savings over every category (USD).</summary>
    public decimal TotalMonthlySavings => Summary.TotalMonthlySavings;

    /// <summary>Savings per category, largest first.</summary>
    public IReadOnlyList<SavingsCategory> Categories => Summary.Categories;

    /// <summary>Rows for <c>charts.bar</c>: savings per category.</summary>
    public IReadOnlyList<ChartRow> SavingsRows => [.. Summary.Categories.Select(c => new ChartRow(c.Category, c.MonthlySavings))];

    /// <summary>The largest recommendations with their rank.</summary>
    public IReadOnlyList<RankedRecommendation> Top => [.. Summary.Top.Select((r, i) => new RankedRecommendation(i + 1, r))];

    /// <summary>Trusted Advisor's cost checks.</summary>
    public TrustedAdvisorCostSection TrustedAdvisor => Summary.TrustedAdvisor;

    /// <summary>Why Compute Optimizer could not be read, or null.</summary>
    public string? ComputeOptimizerNote => Summary.ComputeOptimizerNote;

    /// <summary>Spend per month and service.</summary>
    public SpendSection Spend => Summary.Spend;

    /// <summary>Month labels for <c>charts.stacked</c>.</summary>
    public IReadOnlyList<string> SpendMonths => Summary.Spend.Months;

    /// <summary>Series for <c>charts.stacked</c>: one per service.</summary>
    public IReadOnlyList<ChartSeries> SpendSeries => [.. Summary.Spend.Services.Select(s => new ChartSeries(s.Name, s.Values))];

    /// <summary>Rows for <c>charts.bar</c>: spend per month.</summary>
    public IReadOnlyList<ChartRow> MonthlyTotalRows => [.. Summary.Spend.Months.Select((m, i) => new ChartRow(m, Summary.Spend.MonthlyTotals[i]))];

    /// <summary>Average monthly spend over the period (USD).</summary>
    public decimal AverageMonthlySpend => Summary.Spend.Months.Count == 0 ? 0 : Math.Round(Summary.Spend.Total / Summary.Spend.Months.Count, 2);

    /// <summary>Times AWS throttled the collection even after retries.</summary>
    public int Throttled => Summary.Throttled;

    /// <summary>Recommendations with savings over every category.</summary>
    public int RecommendationCount => Summary.Categories.Sum(c => c.Recommendations);

    /// <summary>Why Trusted Advisor could not be read, or null.</summary>
    public string? TrustedAdvisorNote => Summary.TrustedAdvisor.Note;

    /// <summary>The AWS calls made, per IAM action (the appendix).</summary>
    public IReadOnlyList<CollectedCall> Calls => Summary.Calls;

    /// <summary>When the data was collected, Japan time (yyyy-MM-dd HH:mm).</summary>
    public string CollectedAtJst => Core.Time.Tokyo.ToTokyo(Summary.CollectedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>A recommendation with its place in the list.</summary>
/// <param name="Rank">1 = largest savings.</param>
/// <param name="Item">The recommendation.</param>
public sealed record RankedRecommendation(int Rank, CostRecommendation Item)
{
    /// <summary>Its category.</summary>
    public string Category => Item.Category;

    /// <summary>The resource id.</summary>
    public string ResourceId => Item.ResourceId;

    /// <summary>What it is now.</summary>
    public string Current => Item.Current;

    /// <summary>What is recommended.</summary>
    public string Recommended => Item.Recommended;

    /// <summary>Estimated monthly savings (USD).</summary>
    public decimal MonthlySavings => Item.MonthlySavings;
}

/// <summary>A row of <c>charts.bar</c>.</summary>
/// <param name="Label">Bar label.</param>
/// <param name="Value">Bar value.</param>
public sealed record ChartRow(string Label, decimal Value);

/// <summary>A series of <c>charts.stacked</c>.</summary>
/// <param name="Name">Series name.</param>
/// <param name="Values">One value per category.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);
