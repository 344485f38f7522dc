using System.Collections.Concurrent;
using System.Text.Json;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>The Security Hub standards a customer may choose, and their ARNs.</summary>
public static class DiagnosisStandards
{
    /// <summary>AWS Foundational Security Best Practices v1.0.0.</summary>
    public const string FsbpId = "standards/aws-foundational-security-best-practices/v/1.0.0";

    /// <summary>CIS AWS Foundations Benchmark v1.4.0.</summary>
    public const string CisId = "standards/cis-aws-foundations-benchmark/v/1.4.0";

    /// <summary>The standards ids for the apply form's choice (<c>fsbp</c> or <c>fsbp-cis</c>).</summary>
    public static IReadOnlyList<string> ForChoice(string? choice) => choice switch
    {
        "fsbp-cis" => [FsbpId, CisId],
        _ => [FsbpId],
    };

    /// <summary>The ARN of a standard in a region (Security Hub's <c>StandardsArn</c>).</summary>
    public static string Arn(string standardsId, string region) => $"arn:aws:securityhub:{region}::{standardsId}";

    /// <summary>A short name for reports (FSBP, CIS 1.4.0).</summary>
    public static string ShortName(string standardsId) => standardsId switch
    {
        FsbpId => "AWS FSBP v1.0.0",
        CisId => "CIS v1.4.0",
        _ when standardsId.Contains("cis-aws-foundations-benchmark", StringComparison.Ordinal) => "CIS " + standardsId.Split('/')[^1],
        _ => standardsId,
    };
}

/// <summary>How many times each AWS action was called, for the report's appendix (thread-safe).</summary>
public sealed class DiagnosisCallLog
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Starts from a recorded log (JSON object action → count).</summary>
    public static DiagnosisCallLog From(string? json)
    {
        var log = new DiagnosisCallLog();
        if (!string.IsNullOrEmpty(json))
        {
            foreach (var (action, count) in JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [])
            {
                log._counts[action] = count;
            }
        }

        return log;
    }

    /// <summary>Counts one call of <paramref name="action"/> (e.g. <c>securityhub:GetFindings</c>).</summary>
    public void Count(string action) => _counts.AddOrUpdate(action, 1, (_, n) => n + 1);

    /// <summary>The log as a JSON object.</summary>
    public string ToJson() => JsonSerializer.Serialize(new SortedDictionary<string, int>(_counts, StringComparer.Ordinal));
}

/// <summary>Opens the diagnosis role of the application's account (ELIG-3 and the external id are checked by the connector).</summary>
internal static class DiagnosisAccess
{
    public static async Task<AwsAccountConnection> ConnectAsync(
        IServiceProvider services, Guid companyId, string accountId, bool fresh, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AwsAccountConnector>()
            .ConnectAsync(companyId, accountId, AwsRolePurpose.Diagnosis, fresh, cancellationToken);
    }

    public static string Region(IServiceProvider services) => services.GetRequiredService<IOptions<AwsOptions>>().Value.DefaultRegion;

    /// <summary>Parses a list input given as a JSON array or a comma-separated string.</summary>
    public static IReadOnlyList<string> List(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? []
        : raw.TrimStart().StartsWith('[') ? JsonSerializer.Deserialize<List<string>>(raw) ?? []
        : raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
