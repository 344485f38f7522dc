using System.Text.Json;
using CloudpackPlus.Workflows.Runtime;

namespace CloudpackPlus.Activities.CostLite;

/// <summary>
/// What a COST-L collection keeps: aggregates only (a bounded size whatever the account's size), stored in the
/// instance variable <see cref="Variable"/> and read back by <see cref="CostLiteReportModelSource"/>.
/// </summary>
/// <param name="Account">The AWS account.</param>
/// <param name="Region">The region Compute Optimizer was read in.</param>
/// <param name="CollectedAt">When the collection finished (UTC).</param>
/// <param name="TrustedAdvisor">Trusted Advisor's cost checks, or why they could not be read.</param>
/// <param name="ComputeOptimizerNote">Why Compute Optimizer could not be read, or null.</param>
/// <param name="Categories">Estimated monthly savings per category.</param>
/// <param name="Top">The recommendations with the largest savings (at most <see cref="TopCount"/>).</param>
/// <param name="Spend">Monthly spend by service.</param>
/// <param name="Calls">AWS calls per IAM action.</param>
/// <param name="Throttled">Times AWS throttled even after retries.</param>
public sealed record CostLiteSummary(
    string Account, string Region, DateTimeOffset CollectedAt, TrustedAdvisorCostSection TrustedAdvisor, string? ComputeOptimizerNote,
    IReadOnlyList<SavingsCategory> Categories, IReadOnlyList<CostRecommendation> Top, SpendSection Spend,
    IReadOnlyList<CollectedCall> Calls, int Throttled)
{
    /// <summary>The instance variable the summary is kept in.</summary>
    public const string Variable = "costLite";

    /// <summary>How many recommendations the report lists.</summary>
    public const int TopCount = 20;

    /// <summary>Services shown by name in the spend chart; the rest are summed as Other.</summary>
    public const int ChartServices = 6;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Estimated monthly savings over every category (USD).</summary>
    public decimal TotalMonthlySavings => Categories.Sum(c => c.MonthlySavings);

    /// <summary>As a plain value for the instance's variables.</summary>
    public Dictionary<string, object?> ToPlain() =>
        (Dictionary<string, object?>)PlainValues.Normalize(JsonSerializer.SerializeToElement(this, Json))!;

    /// <summary>Reads a summary back from the instance's variables.</summary>
    public static CostLiteSummary? FromPlain(object? value) =>
        value is null ? null : JsonSerializer.Deserialize<CostLiteSummary>(PlainValues.ToJson(value), Json);
}

/// <summary>Trusted Advisor's cost checks.</summary>
/// <param name="Available">False when the account's support plan does not give API access.</param>
/// <param name="Note">Why not (shown in the report).</param>
/// <param name="Checks">Every cost check.</param>
public sealed record TrustedAdvisorCostSection(bool Available, string? Note, IReadOnlyList<TrustedAdvisorCheckRow> Checks);

/// <summary>One Trusted Advisor check.</summary>
/// <param name="Name">Check name.</param>
/// <param name="Status">ok, warning, error.</param>
/// <param name="Flagged">Resources flagged.</param>
/// <param name="MonthlySavings">Estimated monthly savings (USD), for cost checks.</param>
public sealed record TrustedAdvisorCheckRow(string Name, string Status, int Flagged, decimal MonthlySavings);

/// <summary>Savings of one category.</summary>
/// <param name="Category">EC2, EBS, Lambda, Auto Scaling, Trusted Advisor.</param>
/// <param name="Recommendations">Recommendations with savings.</param>
/// <param name="MonthlySavings">Their estimated monthly savings (USD).</param>
public sealed record SavingsCategory(string Category, int Recommendations, decimal MonthlySavings);

/// <summary>One recommendation.</summary>
/// <param name="Category">Its category.</param>
/// <param name="ResourceId">The resource (instance id, volume id, function name, group name, TA resource).</param>
/// <param name="Current">What it is now (type, size, memory).</param>
/// <param name="Recommended">What is recommended.</param>
/// <param name="MonthlySavings">Estimated monthly savings (USD).</param>
public sealed record CostRecommendation(string Category, string ResourceId, string Current, string Recommended, decimal MonthlySavings);

/// <summary>Spend per month for the largest services (the rest summed as "Other").</summary>
/// <param name="Months">yyyy-MM, oldest first.</param>
/// <param name="Services">Each service's monthly amounts, largest first.</param>
/// <param name="Note">Why Cost Explorer could not be read, or null.</param>
public sealed record SpendSection(IReadOnlyList<string> Months, IReadOnlyList<ServiceSpend> Services, string? Note)
{
    /// <summary>Total per month.</summary>
    public IReadOnlyList<decimal> MonthlyTotals => [.. Months.Select((_, i) => Services.Sum(s => s.Values[i]))];

    /// <summary>Total over the period.</summary>
    public decimal Total => Services.Sum(s => s.Total);
}

/// <summary>One service's monthly spend.</summary>
/// <param name="Name">Service name as Cost Explorer gives it (or Other).</param>
/// <param name="Values">Amount per month (USD), aligned with <see cref="SpendSection.Months"/>.</param>
public sealed record ServiceSpend(string Name, IReadOnlyList<decimal> Values)
{
    /// <summary>Sum over the months.</summary>
    public decimal Total => Values.Sum();
}
