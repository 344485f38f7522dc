using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.WellArchitected;

// shared/aws/models/wellarchitected/2020-03-31 (REST-JSON, PascalCase; timestamps as epoch seconds).

/// <summary>ListWorkloads (POST /workloadsSummaries): the body carries the filter and the page token.</summary>
public sealed class ListWorkloadsRequest
{
    public string? WorkloadNamePrefix { get; set; }

    public string? NextToken { get; set; }

    /// <summary>1–50.</summary>
    public int? MaxResults { get; set; }
}

public sealed class ListWorkloadsResponse : AwsResponse
{
    public List<WorkloadSummary> WorkloadSummaries { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class WorkloadSummary
{
    /// <summary>32 lower-case hex digits.</summary>
    public string? WorkloadId { get; set; }

    public string? WorkloadArn { get; set; }

    public string? WorkloadName { get; set; }

    /// <summary>The owning account.</summary>
    public string? Owner { get; set; }

    public double? UpdatedAt { get; set; }

    public List<string>? Lenses { get; set; }

    /// <summary>Risk name (HIGH, MEDIUM, NONE, UNANSWERED, NOT_APPLICABLE) → number of questions.</summary>
    public Dictionary<string, int>? RiskCounts { get; set; }

    public string? ImprovementStatus { get; set; }
}

/// <summary>CreateWorkload: name, description, environment, lenses and an idempotency token are required.</summary>
public sealed class CreateWorkloadRequest
{
    public required string WorkloadName { get; set; }

    public required string Description { get; set; }

    /// <summary>PRODUCTION or PREPRODUCTION.</summary>
    public required string Environment { get; set; }

    public List<string>? AccountIds { get; set; }

    public List<string>? AwsRegions { get; set; }

    public string? ReviewOwner { get; set; }

    public required List<string> Lenses { get; set; }

    /// <summary>AWS deduplicates creates with the same token (pass the activation's ClientTokenFor).</summary>
    public required string ClientRequestToken { get; set; }
}

public sealed class CreateWorkloadResponse : AwsResponse
{
    public string? WorkloadId { get; set; }

    public string? WorkloadArn { get; set; }
}

public sealed class ListLensReviewsResponse : AwsResponse
{
    public string? WorkloadId { get; set; }

    public List<LensReviewSummary> LensReviewSummaries { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class LensReviewSummary
{
    public string? LensAlias { get; set; }

    public string? LensArn { get; set; }

    public string? LensVersion { get; set; }

    public string? LensName { get; set; }

    public string? LensStatus { get; set; }

    public double? UpdatedAt { get; set; }

    public Dictionary<string, int>? RiskCounts { get; set; }
}

public sealed class GetLensReviewResponse : AwsResponse
{
    public string? WorkloadId { get; set; }

    public LensReview? LensReview { get; set; }
}

public sealed class LensReview
{
    public string? LensAlias { get; set; }

    public string? LensArn { get; set; }

    public string? LensVersion { get; set; }

    public string? LensName { get; set; }

    public string? LensStatus { get; set; }

    public List<PillarReviewSummary> PillarReviewSummaries { get; set; } = [];

    public double? UpdatedAt { get; set; }

    public Dictionary<string, int>? RiskCounts { get; set; }

    public string? NextToken { get; set; }
}

public sealed class PillarReviewSummary
{
    /// <summary>e.g. <c>security</c>, <c>costOptimization</c>.</summary>
    public string? PillarId { get; set; }

    public string? PillarName { get; set; }

    public Dictionary<string, int>? RiskCounts { get; set; }
}

public sealed class ListAnswersResponse : AwsResponse
{
    public string? WorkloadId { get; set; }

    public string? LensAlias { get; set; }

    public string? LensArn { get; set; }

    public List<AnswerSummary> AnswerSummaries { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class AnswerSummary
{
    /// <summary>e.g. <c>securely-operate</c>.</summary>
    public string? QuestionId { get; set; }

    public string? PillarId { get; set; }

    public string? QuestionTitle { get; set; }

    public List<Choice> Choices { get; set; } = [];

    public List<string> SelectedChoices { get; set; } = [];

    public bool? IsApplicable { get; set; }

    /// <summary>UNANSWERED, HIGH, MEDIUM, NONE, NOT_APPLICABLE.</summary>
    public string? Risk { get; set; }
}

public sealed class Choice
{
    public string? ChoiceId { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public ChoiceContent? HelpfulResource { get; set; }

    /// <summary>What to do when the choice is not selected (text and URL).</summary>
    public ChoiceContent? ImprovementPlan { get; set; }
}

public sealed class ChoiceContent
{
    public string? DisplayText { get; set; }

    public string? Url { get; set; }
}
