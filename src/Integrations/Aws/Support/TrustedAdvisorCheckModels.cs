using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.Support;

// shared/aws/models/support/2013-04-15 (camelCase members).

public sealed class DescribeTrustedAdvisorChecksRequest
{
    /// <summary>ISO 639-1 code; Support answers in "ja" or "en" among others.</summary>
    public required string Language { get; set; }
}

public sealed class DescribeTrustedAdvisorChecksResponse : AwsResponse
{
    public List<TrustedAdvisorCheckDescription> Checks { get; set; } = [];
}

public sealed class TrustedAdvisorCheckDescription
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    /// <summary>cost_optimizing, security, fault_tolerance, performance, service_limits.</summary>
    public required string Category { get; set; }

    public List<string> Metadata { get; set; } = [];
}

public sealed class DescribeTrustedAdvisorCheckResultRequest
{
    public required string CheckId { get; set; }

    public string? Language { get; set; }
}

public sealed class DescribeTrustedAdvisorCheckResultResponse : AwsResponse
{
    public TrustedAdvisorCheckResult? Result { get; set; }
}

public sealed class TrustedAdvisorCheckResult
{
    public required string CheckId { get; set; }

    public required string Timestamp { get; set; }

    /// <summary>ok, warning, error, not_available.</summary>
    public required string Status { get; set; }

    public required TrustedAdvisorResourcesSummary ResourcesSummary { get; set; }

    public TrustedAdvisorCategorySpecificSummary CategorySpecificSummary { get; set; } = new();

    public List<TrustedAdvisorResourceDetail> FlaggedResources { get; set; } = [];
}

public sealed class TrustedAdvisorResourcesSummary
{
    public long ResourcesProcessed { get; set; }

    public long ResourcesFlagged { get; set; }

    public long ResourcesIgnored { get; set; }

    public long ResourcesSuppressed { get; set; }
}

public sealed class TrustedAdvisorCategorySpecificSummary
{
    public TrustedAdvisorCostOptimizingSummary? CostOptimizing { get; set; }
}

public sealed class TrustedAdvisorCostOptimizingSummary
{
    public double EstimatedMonthlySavings { get; set; }

    public double EstimatedPercentMonthlySavings { get; set; }
}

public sealed class TrustedAdvisorResourceDetail
{
    public required string Status { get; set; }

    public string? Region { get; set; }

    public required string ResourceId { get; set; }

    public bool? IsSuppressed { get; set; }

    public List<string?> Metadata { get; set; } = [];
}

public sealed class RefreshTrustedAdvisorCheckRequest
{
    public required string CheckId { get; set; }
}

public sealed class RefreshTrustedAdvisorCheckResponse : AwsResponse
{
    public TrustedAdvisorCheckRefreshStatus? Status { get; set; }
}

public sealed class TrustedAdvisorCheckRefreshStatus
{
    public required string CheckId { get; set; }

    /// <summary>none, enqueued, processing, success, abandoned.</summary>
    public required string Status { get; set; }

    public long MillisUntilNextRefreshable { get; set; }
}
