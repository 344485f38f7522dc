using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.ComputeOptimizer;

// shared/aws/models/compute-optimizer/2019-11-01 (awsJson1_0, camelCase).

public sealed class GetEC2InstanceRecommendationsRequest
{
    public List<string>? InstanceArns { get; set; }

    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }

    public List<string>? AccountIds { get; set; }
}

public sealed class GetEC2InstanceRecommendationsResponse : AwsResponse
{
    public string? NextToken { get; set; }

    public List<InstanceRecommendation> InstanceRecommendations { get; set; } = [];

    public List<GetRecommendationError> Errors { get; set; } = [];
}

public sealed class InstanceRecommendation
{
    public string? InstanceArn { get; set; }

    public string? AccountId { get; set; }

    public string? InstanceName { get; set; }

    public string? CurrentInstanceType { get; set; }

    /// <summary>Underprovisioned, Overprovisioned, Optimized, NotOptimized.</summary>
    public string? Finding { get; set; }

    public List<string>? FindingReasonCodes { get; set; }

    public List<UtilizationMetric>? UtilizationMetrics { get; set; }

    public double? LookBackPeriodInDays { get; set; }

    public List<InstanceRecommendationOption>? RecommendationOptions { get; set; }

    public DateTimeOffset? LastRefreshTimestamp { get; set; }

    public string? CurrentPerformanceRisk { get; set; }
}

public sealed class UtilizationMetric
{
    public string? Name { get; set; }

    public string? Statistic { get; set; }

    public double? Value { get; set; }
}

public sealed class InstanceRecommendationOption
{
    public string? InstanceType { get; set; }

    /// <summary>0 (very low) to 4 (very high).</summary>
    public double? PerformanceRisk { get; set; }

    public int? Rank { get; set; }

    public SavingsOpportunity? SavingsOpportunity { get; set; }
}

public sealed class SavingsOpportunity
{
    public double? SavingsOpportunityPercentage { get; set; }

    public EstimatedMonthlySavings? EstimatedMonthlySavings { get; set; }
}

public sealed class EstimatedMonthlySavings
{
    /// <summary>USD or CNY.</summary>
    public string? Currency { get; set; }

    public double? Value { get; set; }
}

public sealed class GetRecommendationError
{
    public string? Identifier { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }
}
