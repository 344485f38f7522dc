using CloudpackPlus.Activities.CostLite;
using CloudpackPlus.Activities.Reports;
using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Activities.SecurityLite;

/// <summary>SEC-L's report model, from the collection's summary kept in the instance variable <c>secLite</c>.</summary>
public sealed class SecurityLiteReportModelSource : IReportModelSource
{
    /// <inheritdoc />
    public string ServiceId => "SEC-L";

    /// <inheritdoc />
    public Task<ReportModel> BuildAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var summary = SecurityLiteSummary.FromPlain(request.Variables.GetValueOrDefault(SecurityLiteSummary.Variable))
            ?? throw new InvalidOperationException($"The instance has no '{SecurityLiteSummary.Variable}' variable: run CollectSecurityLite and keep its summary first.");
        var day = Tokyo.DateOf(summary.CollectedAt);
        return Task.FromResult(new ReportModel(new SecurityLiteReportModel(summary), summary.Account, day, day,
            [.. summary.Calls.Select(c => new ReportAwsCall(c.Action, c.Calls))]));
    }
}

/// <summary>What the SEC-L templates see as <c>model</c> (snake_case in the template).</summary>
/// <param name="Summary">The collected summary.</param>
public sealed record SecurityLiteReportModel(SecurityLiteSummary Summary)
{
    private static readonly string[] RiskOrder = ["HIGH", "MEDIUM", "NONE", "UNANSWERED", "NOT_APPLICABLE"];

    /// <summary>The account.</summary>
    public string Account => Summary.Account;

    /// <summary>The reviewed workload's name.</summary>
    public string WorkloadName => Summary.WorkloadName;

    /// <summary>The reviewed workload's id.</summary>
    public string WorkloadId => Summary.WorkloadId;

    /// <summary>Whether an existing workload was reviewed again.</summary>
    public bool WorkloadReused => Summary.WorkloadReused;

    /// <summary>High-risk questions.</summary>
    public int High => Summary.High;

    /// <summary>Medium-risk questions.</summary>
    public int Medium => Summary.Medium;

    /// <summary>Questions without risk.</summary>
    public int NoRisk => Summary.PillarRisks.GetValueOrDefault("NONE");

    /// <summary>Every question.</summary>
    public IReadOnlyList<SecurityQuestion> Questions => Summary.Questions;

    /// <summary>High and medium questions, high first: what to improve.</summary>
    public IReadOnlyList<SecurityQuestion> Risks => [.. Summary.Questions.Where(q => q.Risk is "HIGH" or "MEDIUM").OrderBy(q => q.Risk == "HIGH" ? 0 : 1)];

    /// <summary>Rows for <c>charts.bar</c>: questions per risk level.</summary>
    public IReadOnlyList<ChartRow> RiskRows => [.. RiskOrder.Where(Summary.PillarRisks.ContainsKey).Select(r => new ChartRow(r, Summary.PillarRisks[r]))];

    /// <summary>Trusted Advisor's security checks (errors first).</summary>
    public TrustedAdvisorSecuritySection TrustedAdvisor => Summary.TrustedAdvisor;

    /// <summary>Checks that flag something.</summary>
    public int TrustedAdvisorFlaggedChecks => Summary.TrustedAdvisor.Checks.Count(c => c.Status != "ok");

    /// <summary>Times AWS throttled the collection even after retries.</summary>
    public int Throttled => Summary.Throttled;

    /// <summary>Why Trusted Advisor could not be read, or null.</summary>
    public string? TrustedAdvisorNote => Summary.TrustedAdvisor.Note;

    /// <summary>The AWS calls made, per IAM action (the appendix).</summary>
    public IReadOnlyList<CollectedCall> Calls => Summary.Calls;

    /// <summary>When the data was collected, Japan time (yyyy-MM-dd HH:mm).</summary>
    public string CollectedAtJst => Tokyo.ToTokyo(Summary.CollectedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
