using System.Text.Json;
using CloudpackPlus.Activities.CostLite;
using CloudpackPlus.Workflows.Runtime;

namespace CloudpackPlus.Activities.SecurityLite;

/// <summary>
/// What a SEC-L collection keeps (bounded: the security pillar's questions and the Trusted Advisor security
/// checks with at most <see cref="ResourcesPerCheck"/> resources each), in the instance variable <see cref="Variable"/>.
/// </summary>
/// <param name="Account">The AWS account.</param>
/// <param name="Region">The Well-Architected Tool's region.</param>
/// <param name="CollectedAt">When the collection finished (UTC).</param>
/// <param name="WorkloadId">The reviewed workload.</param>
/// <param name="WorkloadName">Its name.</param>
/// <param name="WorkloadReused">Whether the workload existed before (re-review) rather than created now.</param>
/// <param name="PillarRisks">Risk counts of the security pillar (HIGH, MEDIUM, NONE, UNANSWERED, NOT_APPLICABLE).</param>
/// <param name="Questions">Each security question with its risk and improvement plan.</param>
/// <param name="TrustedAdvisor">Trusted Advisor's security checks, or why they could not be read.</param>
/// <param name="Calls">AWS calls per IAM action.</param>
/// <param name="Throttled">Times AWS throttled even after retries.</param>
public sealed record SecurityLiteSummary(
    string Account, string Region, DateTimeOffset CollectedAt, string WorkloadId, string WorkloadName, bool WorkloadReused,
    IReadOnlyDictionary<string, int> PillarRisks, IReadOnlyList<SecurityQuestion> Questions, TrustedAdvisorSecuritySection TrustedAdvisor,
    IReadOnlyList<CollectedCall> Calls, int Throttled)
{
    /// <summary>The instance variable the summary is kept in.</summary>
    public const string Variable = "secLite";

    /// <summary>Flagged resources kept per Trusted Advisor check.</summary>
    public const int ResourcesPerCheck = 10;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Questions at high risk.</summary>
    public int High => PillarRisks.GetValueOrDefault("HIGH");

    /// <summary>Questions at medium risk.</summary>
    public int Medium => PillarRisks.GetValueOrDefault("MEDIUM");

    /// <summary>As a plain value for the instance's variables.</summary>
    public Dictionary<string, object?> ToPlain() =>
        (Dictionary<string, object?>)PlainValues.Normalize(JsonSerializer.SerializeToElement(this, Json))!;

    /// <summary>Reads a summary back from the instance's variables.</summary>
    public static SecurityLiteSummary? FromPlain(object? value) =>
        value is null ? null : JsonSerializer.Deserialize<SecurityLiteSummary>(PlainValues.ToJson(value), Json);
}

/// <summary>One Well-Architected security question.</summary>
/// <param name="Id">Question id (e.g. <c>identities</c>).</param>
/// <param name="Title">Question (English, as the tool gives it).</param>
/// <param name="Risk">HIGH, MEDIUM, NONE, UNANSWERED, NOT_APPLICABLE.</param>
/// <param name="Improvements">The best practices not yet in place, with their improvement plan links.</param>
public sealed record SecurityQuestion(string Id, string Title, string Risk, IReadOnlyList<ImprovementItem> Improvements);

/// <summary>A best practice to put in place.</summary>
/// <param name="Title">Best practice (e.g. SEC02-BP01).</param>
/// <param name="Url">Its improvement plan.</param>
public sealed record ImprovementItem(string Title, string? Url);

/// <summary>Trusted Advisor's security checks.</summary>
/// <param name="Available">False when the support plan gives no API access.</param>
/// <param name="Note">Why not.</param>
/// <param name="Checks">Every security check.</param>
public sealed record TrustedAdvisorSecuritySection(bool Available, string? Note, IReadOnlyList<TrustedAdvisorSecurityCheck> Checks);

/// <summary>One security check.</summary>
/// <param name="Name">Check name.</param>
/// <param name="Status">ok, warning, error.</param>
/// <param name="Flagged">Resources flagged.</param>
/// <param name="Resources">Up to <see cref="SecurityLiteSummary.ResourcesPerCheck"/> flagged resource ids.</param>
public sealed record TrustedAdvisorSecurityCheck(string Name, string Status, int Flagged, IReadOnlyList<string> Resources);
