using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.SecurityHub;

// Names and casing follow shared/aws/models/securityhub/2018-10-26 (PascalCase members).

public sealed class DescribeHubResponse : AwsResponse
{
    public string? HubArn { get; set; }

    public string? SubscribedAt { get; set; }

    public bool? AutoEnableControls { get; set; }

    public string? ControlFindingGenerator { get; set; }
}

public sealed class EnableSecurityHubRequest
{
    public bool? EnableDefaultStandards { get; set; }

    /// <summary>SECURITY_CONTROL (consolidated findings) or STANDARD_CONTROL.</summary>
    public string? ControlFindingGenerator { get; set; }

    public Dictionary<string, string>? Tags { get; set; }
}

public sealed class GetEnabledStandardsRequest
{
    public List<string>? StandardsSubscriptionArns { get; set; }

    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }
}

public sealed class GetEnabledStandardsResponse : AwsResponse
{
    public List<StandardsSubscription> StandardsSubscriptions { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class StandardsSubscription
{
    public required string StandardsSubscriptionArn { get; set; }

    public required string StandardsArn { get; set; }

    public Dictionary<string, string> StandardsInput { get; set; } = [];

    /// <summary>PENDING, READY, FAILED, DELETING, INCOMPLETE.</summary>
    public required string StandardsStatus { get; set; }
}

public sealed class BatchEnableStandardsRequest
{
    public required List<StandardsSubscriptionRequest> StandardsSubscriptionRequests { get; set; }
}

public sealed class StandardsSubscriptionRequest
{
    public required string StandardsArn { get; set; }

    public Dictionary<string, string>? StandardsInput { get; set; }
}

public sealed class BatchEnableStandardsResponse : AwsResponse
{
    public List<StandardsSubscription> StandardsSubscriptions { get; set; } = [];
}

public sealed class GetFindingsRequest
{
    public AwsSecurityFindingFilters? Filters { get; set; }

    public List<SortCriterion>? SortCriteria { get; set; }

    public string? NextToken { get; set; }

    /// <summary>1–100.</summary>
    public int? MaxResults { get; set; }
}

public sealed class GetFindingsResponse : AwsResponse
{
    public List<AwsSecurityFinding> Findings { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class SortCriterion
{
    public string? Field { get; set; }

    /// <summary>asc or desc.</summary>
    public string? SortOrder { get; set; }
}

/// <summary>The filters the diagnosis uses; every other filter of the model can be added the same way.</summary>
public sealed class AwsSecurityFindingFilters
{
    public List<StringFilter>? AwsAccountId { get; set; }

    public List<StringFilter>? Region { get; set; }

    public List<StringFilter>? SeverityLabel { get; set; }

    public List<StringFilter>? RecordState { get; set; }

    public List<StringFilter>? WorkflowStatus { get; set; }

    public List<StringFilter>? ComplianceStatus { get; set; }

    public List<StringFilter>? ProductName { get; set; }

    public List<StringFilter>? ResourceType { get; set; }

    /// <summary>Active, non-suppressed findings of the given account: what a diagnosis report lists.</summary>
    public static AwsSecurityFindingFilters ActiveFor(string accountId) => new()
    {
        AwsAccountId = [StringFilter.EqualTo(accountId)],
        RecordState = [StringFilter.EqualTo("ACTIVE")],
        WorkflowStatus = [StringFilter.NotEqualTo("SUPPRESSED")],
    };
}

public sealed class StringFilter
{
    public string? Value { get; set; }

    /// <summary>EQUALS, PREFIX, NOT_EQUALS, PREFIX_NOT_EQUALS, CONTAINS, NOT_CONTAINS.</summary>
    public string? Comparison { get; set; }

    public static StringFilter EqualTo(string value) => new() { Value = value, Comparison = "EQUALS" };

    public static StringFilter NotEqualTo(string value) => new() { Value = value, Comparison = "NOT_EQUALS" };
}

/// <summary>An ASFF finding (the members a report uses; unknown members are ignored).</summary>
public sealed class AwsSecurityFinding
{
    public required string SchemaVersion { get; set; }

    public required string Id { get; set; }

    public required string ProductArn { get; set; }

    public string? ProductName { get; set; }

    public string? CompanyName { get; set; }

    public string? Region { get; set; }

    public required string GeneratorId { get; set; }

    public required string AwsAccountId { get; set; }

    public List<string>? Types { get; set; }

    public string? FirstObservedAt { get; set; }

    public string? LastObservedAt { get; set; }

    public required string CreatedAt { get; set; }

    public required string UpdatedAt { get; set; }

    public Severity? Severity { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    public Remediation? Remediation { get; set; }

    public required List<Resource> Resources { get; set; }

    public Compliance? Compliance { get; set; }

    public Workflow? Workflow { get; set; }

    /// <summary>ACTIVE or ARCHIVED.</summary>
    public string? RecordState { get; set; }
}

public sealed class Severity
{
    /// <summary>INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL.</summary>
    public string? Label { get; set; }

    public int? Normalized { get; set; }

    public string? Original { get; set; }
}

public sealed class Remediation
{
    public Recommendation? Recommendation { get; set; }
}

public sealed class Recommendation
{
    public string? Text { get; set; }

    public string? Url { get; set; }
}

public sealed class Resource
{
    public required string Type { get; set; }

    public required string Id { get; set; }

    public string? Partition { get; set; }

    public string? Region { get; set; }
}

public sealed class Compliance
{
    /// <summary>PASSED, WARNING, FAILED, NOT_AVAILABLE.</summary>
    public string? Status { get; set; }

    public string? SecurityControlId { get; set; }

    /// <summary>The standards the control is enabled in (consolidated control findings).</summary>
    public List<AssociatedStandard>? AssociatedStandards { get; set; }
}

public sealed class Workflow
{
    /// <summary>NEW, NOTIFIED, RESOLVED, SUPPRESSED.</summary>
    public string? Status { get; set; }
}

/// <summary>A standard a control belongs to (<c>StandardsId</c>, e.g. <c>standards/cis-aws-foundations-benchmark/v/1.4.0</c>).</summary>
public sealed class AssociatedStandard
{
    public string? StandardsId { get; set; }
}

public sealed class CreateInsightRequest
{
    public required string Name { get; set; }

    public required AwsSecurityFindingFilters Filters { get; set; }

    public required string GroupByAttribute { get; set; }
}

public sealed class CreateInsightResponse : AwsResponse
{
    public string InsightArn { get; set; } = "";
}

public sealed class GetInsightResultsResponse : AwsResponse
{
    public InsightResults? InsightResults { get; set; }
}

public sealed class InsightResults
{
    public string InsightArn { get; set; } = "";

    public string GroupByAttribute { get; set; } = "";

    public List<InsightResultValue> ResultValues { get; set; } = [];
}

public sealed class InsightResultValue
{
    public string GroupByAttributeValue { get; set; } = "";

    public int Count { get; set; }
}

public sealed class DeleteInsightResponse : AwsResponse
{
    public string InsightArn { get; set; } = "";
}

public sealed class BatchDisableStandardsRequest
{
    public required List<string> StandardsSubscriptionArns { get; set; }
}

public sealed class BatchDisableStandardsResponse : AwsResponse
{
    public List<StandardsSubscription> StandardsSubscriptions { get; set; } = [];
}
