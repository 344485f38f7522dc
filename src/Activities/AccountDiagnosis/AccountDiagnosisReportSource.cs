using CloudpackPlus.Activities.AccountDiagnosis.Data;
using CloudpackPlus.Activities.Reports;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>
/// The ACCT-D report model, built from the per-control counts the collection wrote (a few hundred rows at most,
/// whatever the number of findings) — never from the findings themselves.
/// </summary>
public sealed class AccountDiagnosisReportSource(AccountDiagnosisDbContext db, IOptions<AwsOptions> aws, TimeProvider time) : IReportModelSource
{
    /// <summary>Failing resources listed per control in the report (the table gives the full count).</summary>
    public const int ResourcesShown = 10;

    private static readonly string[] SeverityOrder = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"];

    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    /// <inheritdoc />
    public string ServiceId => "ACCT-D";

    /// <inheritdoc />
    public async Task<ReportModel> BuildAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.InstanceId == request.InstanceId, cancellationToken)
            ?? throw new InvalidOperationException($"No account diagnosis was collected for instance {request.InstanceId}.");
        var controls = await db.Controls.AsNoTracking().Where(c => c.InstanceId == request.InstanceId).ToListAsync(cancellationToken);
        var resources = (await db.FailingResources.AsNoTracking().Where(r => r.InstanceId == request.InstanceId)
                .OrderBy(r => r.ResourceId).Select(r => new { r.ControlId, r.ResourceId }).ToListAsync(cancellationToken))
            .GroupBy(r => r.ControlId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.ResourceId).ToList(), StringComparer.Ordinal);
        var japanese = request.Culture.StartsWith("ja", StringComparison.OrdinalIgnoreCase);
        var changes = System.Text.Json.JsonSerializer.Deserialize<DiagnosisChanges>(run.Changes) ?? new DiagnosisChanges();
        var calls = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(run.Calls) ?? [];
        List<ReportAwsCall> awsCalls = [.. calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ReportAwsCall(c.Key, c.Value))];
        var model = Build(run, controls, resources, changes, japanese, aws.Value.Mode == AwsMode.Simulated) with { Calls = awsCalls };
        return new ReportModel(model, run.AccountId,
            JstDate(run.CollectionStartedAt ?? time.GetUtcNow()), JstDate(run.CollectedAt ?? time.GetUtcNow()), awsCalls);
    }

    /// <summary>The model from the run and its control rows (pure; tested directly).</summary>
    public static AccountDiagnosisReportModel Build(DiagnosisRun run, IReadOnlyList<DiagnosisControl> controls,
        IReadOnlyDictionary<string, List<string>> resources, DiagnosisChanges changes, bool japanese, bool simulated)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(changes);
        int Failed(string severity, IEnumerable<DiagnosisControl> set) => set.Where(c => c.Severity == severity).Sum(c => c.Failed);
        var services = controls.GroupBy(c => c.Service, StringComparer.Ordinal)
            .Select(g => new ServiceRow(g.Key, Failed("CRITICAL", g), Failed("HIGH", g), Failed("MEDIUM", g), Failed("LOW", g),
                Failed("INFORMATIONAL", g), g.Sum(c => c.Failed), g.Sum(c => c.Passed)))
            .OrderByDescending(s => s.Failed).ThenBy(s => s.Service, StringComparer.Ordinal).ToList();
        var standards = controls.SelectMany(c => c.Standards.Select(s => (Standard: s, Control: c)))
            .GroupBy(x => x.Standard, StringComparer.Ordinal)
            .Select(g => new StandardRow(DiagnosisStandards.ShortName(g.Key), g.Count(), g.Count(x => x.Control.Failed > 0),
                g.Sum(x => x.Control.Failed), g.Sum(x => x.Control.Passed), Score(g.Count(), g.Count(x => x.Control.Failed > 0))))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var rows = controls
            .OrderByDescending(c => c.Failed > 0).ThenBy(c => Array.IndexOf(SeverityOrder, c.Severity)).ThenBy(c => c.ControlId, ControlIdComparer.Instance)
            .Select(c =>
            {
                var listed = resources.GetValueOrDefault(c.ControlId) ?? [];
                return new ControlRow(c.ControlId, c.Title, c.Severity, c.Failed > 0 ? "FAILED" : c.Passed > 0 ? "PASSED" : "NO DATA", c.Failed, c.Passed,
                    c.RemediationUrl, [.. listed.Take(ResourcesShown)], Math.Max(0, c.Failed - Math.Min(listed.Count, ResourcesShown)));
            }).ToList();
        var failing = controls.Count(c => c.Failed > 0);
        return new AccountDiagnosisReportModel
        {
            AccountId = run.AccountId,
            Region = run.Region,
            Simulated = simulated,
            Standards = [.. run.Standards.Select(DiagnosisStandards.ShortName)],
            TotalFindings = run.FindingsCollected,
            FailedFindings = controls.Sum(c => c.Failed),
            PassedFindings = controls.Sum(c => c.Passed),
            OtherFindings = controls.Sum(c => c.Other),
            Controls = controls.Count,
            FailingControls = failing,
            Score = Score(controls.Count, failing),
            Severities = [.. SeverityOrder.Select(s => new ReportChartRow(s, Failed(s, controls)))],
            Services = services,
            ServiceNames = [.. services.Select(s => s.Service)],
            SeverityByService = [.. SeverityOrder.Select(s => new ReportChartSeries(s, [.. services.Select(r => (double)(s switch
            {
                "CRITICAL" => r.Critical, "HIGH" => r.High, "MEDIUM" => r.Medium, "LOW" => r.Low, _ => r.Informational,
            }))]))],
            StandardsSummary = standards,
            ControlRows = rows,
            Changes = Describe(changes, run.UndoneAt is not null, japanese),
            Permissions = AwsRolePermissions.Diagnosis,
        };
    }

    private static int Score(int controls, int failing) => controls == 0 ? 100 : (int)Math.Round(100.0 * (controls - failing) / controls);

    private static DateOnly JstDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Tokyo).DateTime);

    private static List<string> Describe(DiagnosisChanges changes, bool undone, bool ja)
    {
        var lines = new List<string>();
        if (changes.StartedConfigRecorder)
        {
            lines.Add(ja ? $"AWS Config の記録を開始しました(レコーダー: {changes.CreatedConfigRecorder ?? "既存"})。" : $"Started AWS Config recording (recorder: {changes.CreatedConfigRecorder ?? "existing"}).");
        }

        if (changes.EnabledSecurityHub)
        {
            lines.Add(ja ? "AWS Security Hub を有効化しました。" : "Enabled AWS Security Hub.");
        }

        lines.AddRange(changes.EnabledStandards.Select(s => ja ? $"標準を有効化しました: {s}" : $"Enabled the standard {s}"));
        if (lines.Count == 0)
        {
            lines.Add(ja ? "設定の変更はありません(すべて有効化済みでした)。" : "Nothing was changed (everything was already on).");
        }
        else if (undone)
        {
            lines.Add(ja ? "お客様のご希望により、上記の変更は診断後に元に戻しました。" : "At the customer's request these changes were undone after the diagnosis.");
        }

        return lines;
    }

    /// <summary>S3.2 before S3.10: the service, then the number.</summary>
    private sealed class ControlIdComparer : IComparer<string>
    {
        public static readonly ControlIdComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var (sx, nx) = Split(x ?? "");
            var (sy, ny) = Split(y ?? "");
            var byService = string.CompareOrdinal(sx, sy);
            return byService != 0 ? byService : nx.CompareTo(ny);
        }

        private static (string Service, int Number) Split(string id)
        {
            var dot = id.LastIndexOf('.');
            return dot > 0 && int.TryParse(id.AsSpan(dot + 1), out var n) ? (id[..dot], n) : (id, 0);
        }
    }
}
