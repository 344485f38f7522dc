namespace CloudpackPlus.Portal.Tools;

/// <summary>The cached Trusted Advisor answer of one account (TOOL-1).</summary>
public sealed record TrustedAdvisorData(IReadOnlyList<TrustedAdvisorCheckData> Checks);

/// <summary>One check: its category, status (ok, warning, error, not_available), counts, savings and flagged resources.</summary>
public sealed record TrustedAdvisorCheckData(
    string Id, string Name, string Category, string Status, long Processed, long Flagged, double? EstimatedMonthlySavings,
    IReadOnlyList<string> Columns, IReadOnlyList<TrustedAdvisorResourceData> Resources);

/// <summary>A flagged resource and its metadata (columns as the check describes them).</summary>
public sealed record TrustedAdvisorResourceData(string Status, string? Region, string ResourceId, IReadOnlyList<string?> Values);

/// <summary>Counts of one category's checks by status.</summary>
public sealed record TrustedAdvisorCategory(string Category, int Ok, int Warning, int Error, double Savings);

public static class TrustedAdvisorSummary
{
    /// <summary>The categories in Trusted Advisor's order, with ok/warning/error counts and the cost checks' savings.</summary>
    public static IReadOnlyList<TrustedAdvisorCategory> Categories(TrustedAdvisorData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string[] order = ["cost_optimizing", "security", "fault_tolerance", "performance", "service_limits"];
        return data.Checks.GroupBy(c => c.Category)
            .OrderBy(g => Array.IndexOf(order, g.Key) is var i && i < 0 ? int.MaxValue : i).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TrustedAdvisorCategory(g.Key,
                g.Count(c => c.Status == "ok"), g.Count(c => c.Status == "warning"), g.Count(c => c.Status == "error"),
                g.Sum(c => c.EstimatedMonthlySavings ?? 0)))
            .ToList();
    }
}
