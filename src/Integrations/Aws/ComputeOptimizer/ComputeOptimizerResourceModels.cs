using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.ComputeOptimizer;

// shared/aws/models/compute-optimizer/2019-11-01: EBS, Lambda and Auto Scaling recommendations (awsJson1_0, camelCase).

/// <summary>The paging request shared by the EBS, Lambda and Auto Scaling operations.</summary>
public sealed class ComputeOptimizerPageRequest
{
    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }
}

public sealed class GetEBSVolumeRecommendationsResponse : AwsResponse
{
    public string? NextToken { get; set; }

    public List<VolumeRecommendation> VolumeRecommendations { get; set; } = [];
}

public sealed class VolumeRecommendation
{
    public string? VolumeArn { get; set; }

    public string? AccountId { get; set; }

    public VolumeConfiguration? CurrentConfiguration { get; set; }

    /// <summary>Optimized or NotOptimized.</summary>
    public string? Finding { get; set; }

    public List<VolumeRecommendationOption>? VolumeRecommendationOptions { get; set; }
}

public sealed class VolumeConfiguration
{
    public string? VolumeType { get; set; }

    public int? VolumeSize { get; set; }
}

public sealed class VolumeRecommendationOption
{
    public VolumeConfiguration? Configuration { get; set; }

    public int? Rank { get; set; }

    public SavingsOpportunity? SavingsOpportunity { get; set; }
}

public sealed class GetLambdaFunctionRecommendationsResponse : AwsResponse
{
    public string? NextToken { get; set; }

    public List<LambdaFunctionRecommendation> LambdaFunctionRecommendations { get; set; } = [];
}

public sealed class LambdaFunctionRecommendation
{
    public string? FunctionArn { get; set; }

    public string? AccountId { get; set; }

    public int? CurrentMemorySize { get; set; }

    /// <summary>Optimized, NotOptimized, Unavailable.</summary>
    public string? Finding { get; set; }

    public List<LambdaFunctionMemoryRecommendationOption>? MemorySizeRecommendationOptions { get; set; }
}

public sealed class LambdaFunctionMemoryRecommendationOption
{
    public int? Rank { get; set; }

    public int? MemorySize { get; set; }

    public SavingsOpportunity? SavingsOpportunity { get; set; }
}

public sealed class GetAutoScalingGroupRecommendationsResponse : AwsResponse
{
    public string? NextToken { get; set; }

    public List<AutoScalingGroupRecommendation> AutoScalingGroupRecommendations { get; set; } = [];
}

public sealed class AutoScalingGroupRecommendation
{
    public string? AutoScalingGroupArn { get; set; }

    public string? AutoScalingGroupName { get; set; }

    public string? AccountId { get; set; }

    /// <summary>Underprovisioned, Overprovisioned, Optimized, NotOptimized.</summary>
    public string? Finding { get; set; }

    public AutoScalingGroupConfiguration? CurrentConfiguration { get; set; }

    public List<AutoScalingGroupRecommendationOption>? RecommendationOptions { get; set; }
}

public sealed class AutoScalingGroupConfiguration
{
    public int? DesiredCapacity { get; set; }

    public string? InstanceType { get; set; }
}

public sealed class AutoScalingGroupRecommendationOption
{
    public AutoScalingGroupConfiguration? Configuration { get; set; }

    public int? Rank { get; set; }

    public SavingsOpportunity? SavingsOpportunity { get; set; }
}
