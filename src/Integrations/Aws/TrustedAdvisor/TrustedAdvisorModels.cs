using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.TrustedAdvisor;

// shared/aws/models/trustedadvisor/2022-09-15 (REST-JSON, camelCase; list filters are query parameters).

public sealed class ListRecommendationsRequest
{
    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }

    /// <summary>cost_optimizing, performance, security, service_limits, fault_tolerance, operational_excellence.</summary>
    public string? Pillar { get; set; }

    /// <summary>ok, warning, error.</summary>
    public string? Status { get; set; }

    public string? Language { get; set; }
}

public sealed class ListRecommendationsResponse : AwsResponse
{
    public List<RecommendationSummary> RecommendationSummaries { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class RecommendationSummary
{
    public required string Id { get; set; }

    public required string Arn { get; set; }

    public required string Name { get; set; }

    /// <summary>standard or priority.</summary>
    public required string Type { get; set; }

    public required string Status { get; set; }

    public required List<string> Pillars { get; set; }

    public required string Source { get; set; }

    public List<string>? AwsServices { get; set; }

    public required RecommendationResourcesAggregates ResourcesAggregates { get; set; }

    public RecommendationPillarSpecificAggregates? PillarSpecificAggregates { get; set; }

    public string? CreatedAt { get; set; }

    public string? LastUpdatedAt { get; set; }
}

public sealed class RecommendationResourcesAggregates
{
    public long OkCount { get; set; }

    public long WarningCount { get; set; }

    public long ErrorCount { get; set; }
}

public sealed class RecommendationPillarSpecificAggregates
{
    public RecommendationCostOptimizingAggregates? CostOptimizing { get; set; }
}

public sealed class RecommendationCostOptimizingAggregates
{
    public double EstimatedMonthlySavings { get; set; }

    public double EstimatedPercentMonthlySavings { get; set; }
}

public sealed class ListRecommendationResourcesResponse : AwsResponse
{
    public List<RecommendationResourceSummary> RecommendationResourceSummaries { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class RecommendationResourceSummary
{
    public required string Id { get; set; }

    public required string Arn { get; set; }

    public required string AwsResourceId { get; set; }

    public required string RegionCode { get; set; }

    public required string Status { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public required string LastUpdatedAt { get; set; }

    public required string RecommendationArn { get; set; }
}
