namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>What the ACCT-D template renders (<c>model</c>; members in snake_case in Scriban).</summary>
public sealed record AccountDiagnosisReportModel
{
    /// <summary>The account diagnosed.</summary>
    public required string AccountId { get; init; }

    /// <summary>The region diagnosed.</summary>
    public required string Region { get; init; }

    /// <summary>True when the data came from the simulated AWS (the report says 「シミュレーション」).</summary>
    public bool Simulated { get; init; }

    /// <summary>Standards the findings were checked against (short names).</summary>
    public required IReadOnlyList<string> Standards { get; init; }

    /// <summary>Every active finding collected.</summary>
    public int TotalFindings { get; init; }

    /// <summary>Findings with compliance FAILED.</summary>
    public int FailedFindings { get; init; }

    /// <summary>Findings with compliance PASSED.</summary>
    public int PassedFindings { get; init; }

    /// <summary>Findings with another status (WARNING, NOT_AVAILABLE).</summary>
    public int OtherFindings { get; init; }

    /// <summary>Controls with findings.</summary>
    public int Controls { get; init; }

    /// <summary>Controls with at least one failed finding.</summary>
    public int FailingControls { get; init; }

    /// <summary>Share of controls without a failed finding, in percent (Security Hub's security score).</summary>
    public int Score { get; init; }

    /// <summary>Failed findings per severity, CRITICAL first (for <c>charts.bar</c> and the table beside it).</summary>
    public required IReadOnlyList<ReportChartRow> Severities { get; init; }

    /// <summary>The per-service matrix, most failures first.</summary>
    public required IReadOnlyList<ServiceRow> Services { get; init; }

    /// <summary>Failed findings per service and severity (for <c>charts.stacked</c>): categories are the services.</summary>
    public required IReadOnlyList<string> ServiceNames { get; init; }

    /// <summary>One series per severity, values in the order of <see cref="ServiceNames"/>.</summary>
    public required IReadOnlyList<ReportChartSeries> SeverityByService { get; init; }

    /// <summary>Counts per standard.</summary>
    public required IReadOnlyList<StandardRow> StandardsSummary { get; init; }

    /// <summary>Every control, failing first, by severity then id.</summary>
    public required IReadOnlyList<ControlRow> ControlRows { get; init; }

    /// <summary>What the diagnosis turned on in the account (and whether it was undone).</summary>
    public required IReadOnlyList<string> Changes { get; init; }

    /// <summary>The AWS actions called and how often (appendix; the same list as <c>ReportModel.AwsCalls</c>).</summary>
    public IReadOnlyList<Reports.ReportAwsCall> Calls { get; init; } = [];

    /// <summary>The permissions of the diagnosis role (appendix).</summary>
    public required IReadOnlyList<string> Permissions { get; init; }
}

/// <summary>A bar of a chart (<c>charts.bar</c> rows).</summary>
public sealed record ReportChartRow(string Label, double Value);

/// <summary>A series of a stacked chart (<c>charts.stacked</c>).</summary>
public sealed record ReportChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>A row of the per-service matrix: failed findings per severity, and passed ones.</summary>
public sealed record ServiceRow(string Service, int Critical, int High, int Medium, int Low, int Informational, int Failed, int Passed);

/// <summary>Counts for one standard.</summary>
public sealed record StandardRow(string Name, int Controls, int FailingControls, int Failed, int Passed, int Score);

/// <summary>One control: status, counts, remediation and (capped) failing resources.</summary>
public sealed record ControlRow(string ControlId, string Title, string Severity, string Status, int Failed, int Passed,
    string? RemediationUrl, IReadOnlyList<string> Resources, int ResourcesNotListed);
