namespace CloudpackPlus.Integrations.Aws.Trust;

/// <summary>Which of the two customer roles a call assumes.</summary>
public enum AwsRolePurpose
{
    /// <summary>Read-only: Trusted Advisor (TOOL-1), costs (TOOL-2), COST-L, SEC-L.</summary>
    ReadOnly,

    /// <summary>ACCT-D diagnosis: read-only plus enabling AWS Config and Security Hub; deleted after the diagnosis.</summary>
    Diagnosis,
}

/// <summary>The IAM actions each role is granted: the least the services need.</summary>
public static class AwsRolePermissions
{
    public static IReadOnlyList<string> ReadOnly { get; } =
    [
        "securityhub:DescribeHub",
        "securityhub:GetEnabledStandards",
        "securityhub:GetFindings",
        "config:DescribeConfigurationRecorders",
        "config:DescribeConfigurationRecorderStatus",
        "config:DescribeDeliveryChannels",
        "support:DescribeTrustedAdvisorChecks",
        "support:DescribeTrustedAdvisorCheckResult",
        "support:DescribeTrustedAdvisorCheckSummaries",
        "support:RefreshTrustedAdvisorCheck",
        "trustedadvisor:ListRecommendations",
        "trustedadvisor:ListRecommendationResources",
        "trustedadvisor:GetRecommendation",
        "compute-optimizer:GetEC2InstanceRecommendations",
        "compute-optimizer:GetEnrollmentStatus",
        "compute-optimizer:GetEBSVolumeRecommendations",
        "compute-optimizer:GetLambdaFunctionRecommendations",
        "compute-optimizer:GetAutoScalingGroupRecommendations",
        "wellarchitected:ListWorkloads",
        "wellarchitected:CreateWorkload",
        "wellarchitected:ListLensReviews",
        "wellarchitected:GetLensReview",
        "wellarchitected:ListAnswers",
        "ec2:DescribeInstances",
        "cloudwatch:GetMetricData",
        "ce:GetCostAndUsage",
    ];

    /// <summary>Read-only plus what ACCT-D changes: Config recording and Security Hub with its standards.</summary>
    public static IReadOnlyList<string> Diagnosis { get; } =
    [
        .. ReadOnly,
        "securityhub:EnableSecurityHub",
        "securityhub:BatchEnableStandards",
        "securityhub:BatchDisableStandards", // undo: the standards the diagnosis added to a hub the customer already had
        "securityhub:DisableSecurityHub",
        "securityhub:CreateInsight",     // the findings' total for the progress: a temporary insight, deleted at once
        "securityhub:GetInsightResults",
        "securityhub:DeleteInsight",
        "config:PutConfigurationRecorder",
        "config:PutDeliveryChannel",
        "config:StartConfigurationRecorder",
        "config:StopConfigurationRecorder",
    ];

    public static IReadOnlyList<string> For(AwsRolePurpose purpose) => purpose == AwsRolePurpose.Diagnosis ? Diagnosis : ReadOnly;
}
