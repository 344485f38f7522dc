using CloudpackPlus.Integrations.Aws.SecurityHub;

namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>The counts of one control within one page of findings.</summary>
internal sealed class ControlCounts(string controlId, string service, string severity, string title, string? remediationUrl)
{
    public string ControlId { get; } = controlId;

    public string Service { get; } = service;

    public string Severity { get; } = severity;

    public string Title { get; } = title;

    public string? RemediationUrl { get; } = remediationUrl;

    public SortedSet<string> Standards { get; } = new(StringComparer.Ordinal);

    public int Failed { get; set; }

    public int Passed { get; set; }

    public int Other { get; set; }
}

/// <summary>
/// Folds one page of findings (≤ 100) into counts per control and the failing resources still under the cap. Only the
/// counts and the per-control resource tally live in memory, so 100,000 findings cost what 100 do.
/// </summary>
internal sealed class FindingAggregator(IDictionary<string, int> resourcesPerControl)
{
    /// <summary>Failing resources kept per control (the report lists them; the count covers all).</summary>
    public const int ResourcesPerControl = 50;

    public Dictionary<string, ControlCounts> Controls { get; } = new(StringComparer.Ordinal);

    public List<(string ControlId, string ResourceId, string ResourceType)> Resources { get; } = [];

    public int Findings { get; private set; }

    public void Add(AwsSecurityFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        Findings++;
        var controlId = finding.Compliance?.SecurityControlId is { Length: > 0 } id ? id : finding.GeneratorId;
        if (!Controls.TryGetValue(controlId, out var counts))
        {
            var service = controlId.Contains('.', StringComparison.Ordinal) ? controlId[..controlId.IndexOf('.', StringComparison.Ordinal)]
                : finding.ProductName ?? "Other";
            var severity = finding.Severity?.Original is { Length: > 0 } original && IsLabel(original) ? original
                : finding.Severity?.Label ?? "INFORMATIONAL";
            counts = new ControlCounts(controlId, Truncate(service, 64), severity, Truncate(finding.Title, 512),
                finding.Remediation?.Recommendation?.Url is { Length: <= 1024 } url ? url : null);
            Controls[controlId] = counts;
        }

        foreach (var standard in finding.Compliance?.AssociatedStandards ?? [])
        {
            if (standard.StandardsId is { Length: > 0 } standardsId)
            {
                counts.Standards.Add(standardsId);
            }
        }

        switch (finding.Compliance?.Status)
        {
            case "FAILED":
                counts.Failed++;
                var kept = resourcesPerControl.TryGetValue(controlId, out var n) ? n : 0;
                foreach (var resource in finding.Resources)
                {
                    if (kept >= ResourcesPerControl)
                    {
                        break;
                    }

                    Resources.Add((controlId, Truncate(resource.Id, 1024), Truncate(resource.Type, 128)));
                    kept++;
                }

                resourcesPerControl[controlId] = kept;
                break;
            case "PASSED":
                counts.Passed++;
                break;
            default:
                counts.Other++;
                break;
        }
    }

    private static bool IsLabel(string value) => value is "CRITICAL" or "HIGH" or "MEDIUM" or "LOW" or "INFORMATIONAL";

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
