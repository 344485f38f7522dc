using CloudpackPlus.Activities.Reports;

namespace CloudpackPlus.Activities.Tests.Reports;

/// <summary>A made-up service ("TEST-RPT") shaped like a security diagnosis, to prove the report pipeline without a real service.</summary>
public sealed class TestReportSource : IReportModelSource, IReportSampleSource
{
    public const string Service = "TEST-RPT";

    public string ServiceId => Service;

    public Task<ReportModel> BuildAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Build(request.Culture, controls: 30));
    }

    public ReportModel BuildSample(string culture) => Build(culture, controls: 5, sample: true);

    /// <summary>A model with <paramref name="controls"/> failing controls (enough of them make several pages).</summary>
    public static ReportModel Build(string culture, int controls, bool sample = false)
    {
        var ja = culture == "ja-JP";
        var model = new TestReportModel
        {
            Heading = sample ? (ja ? "サンプル診断" : "Sample diagnosis") : (ja ? "セキュリティ診断結果" : "Security diagnosis results"),
            TotalFindings = 1234,
            Severity =
            [
                new("CRITICAL", 12), new("HIGH", 345), new("MEDIUM", 600), new("LOW", 277),
            ],
            Months = ["2026-03", "2026-04", "2026-05"],
            Spend =
            [
                new("EC2", [120, 130, 125]), new("S3", [40, 42, 45]),
            ],
            Controls = Enumerable.Range(1, controls).Select(i => new TestControl($"EC2.{i}", ja ? $"暗号化されていないボリューム {i}" : $"Unencrypted volume {i}", i % 3 == 0 ? "HIGH" : "MEDIUM", i * 3)).ToList(),
        };
        return new ReportModel(model, "123456789012", new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30),
            [new ReportAwsCall("securityhub:GetFindings", 13), new ReportAwsCall("sts:AssumeRole", 1)]);
    }
}

/// <summary>The test service's model.</summary>
public sealed class TestReportModel
{
    public string Heading { get; init; } = "";

    public int TotalFindings { get; init; }

    public IReadOnlyList<TestRow> Severity { get; init; } = [];

    public IReadOnlyList<string> Months { get; init; } = [];

    public IReadOnlyList<TestSeries> Spend { get; init; } = [];

    public IReadOnlyList<TestControl> Controls { get; init; } = [];
}

/// <summary>A chart row.</summary>
public sealed record TestRow(string Label, long Value);

/// <summary>A chart series.</summary>
public sealed record TestSeries(string Name, IReadOnlyList<long> Values);

/// <summary>A failing control.</summary>
public sealed record TestControl(string ControlId, string Title, string Severity, int FailedResources);
