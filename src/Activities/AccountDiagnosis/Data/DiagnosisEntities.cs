namespace CloudpackPlus.Activities.AccountDiagnosis.Data;

/// <summary>One ACCT-D diagnosis: the account, the collection checkpoint, what was changed and which AWS calls were made.</summary>
public sealed class DiagnosisRun
{
    /// <summary>The workflow instance (one diagnosis per instance).</summary>
    public Guid InstanceId { get; init; }

    /// <summary>The application (the instance's correlation id).</summary>
    public Guid ApplicationId { get; init; }

    /// <summary>The customer company.</summary>
    public Guid CompanyId { get; init; }

    /// <summary>The linked AWS account diagnosed.</summary>
    public required string AccountId { get; init; }

    /// <summary>The region diagnosed.</summary>
    public required string Region { get; init; }

    /// <summary>Security Hub standards ids the customer chose (e.g. <c>standards/aws-foundational-security-best-practices/v/1.0.0</c>).</summary>
    public List<string> Standards { get; set; } = [];

    /// <summary>What the diagnosis turned on, so it can be undone (JSON of <see cref="DiagnosisChanges"/>).</summary>
    public string Changes { get; set; } = "{}";

    /// <summary>AWS actions called and how often (JSON object action → count), for the report's appendix.</summary>
    public string Calls { get; set; } = "{}";

    /// <summary>The GetFindings token to continue from (null before the first page and after the last).</summary>
    public string? NextToken { get; set; }

    /// <summary>Findings aggregated so far.</summary>
    public int FindingsCollected { get; set; }

    /// <summary>Pages read so far.</summary>
    public int Pages { get; set; }

    /// <summary>Times AWS throttled the collection.</summary>
    public int Throttled { get; set; }

    /// <summary>When collection started (first page).</summary>
    public DateTimeOffset? CollectionStartedAt { get; set; }

    /// <summary>When the last page was aggregated.</summary>
    public DateTimeOffset? CollectedAt { get; set; }

    /// <summary>When the recorded changes were undone at the customer's request.</summary>
    public DateTimeOffset? UndoneAt { get; set; }
}

/// <summary>The findings of one control in one diagnosis, counted by compliance status.</summary>
public sealed class DiagnosisControl
{
    /// <summary>The diagnosis.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>Security Hub control id (e.g. <c>S3.1</c>), or the generator id for findings without one.</summary>
    public required string ControlId { get; init; }

    /// <summary>The AWS service the control belongs to (the id's prefix, e.g. <c>S3</c>).</summary>
    public required string Service { get; set; }

    /// <summary>The control's severity label (CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL).</summary>
    public required string Severity { get; set; }

    /// <summary>The control's title.</summary>
    public required string Title { get; set; }

    /// <summary>The remediation documentation.</summary>
    public string? RemediationUrl { get; set; }

    /// <summary>Standards the control is part of.</summary>
    public List<string> Standards { get; set; } = [];

    /// <summary>Findings with compliance FAILED.</summary>
    public int Failed { get; set; }

    /// <summary>Findings with compliance PASSED.</summary>
    public int Passed { get; set; }

    /// <summary>Findings with WARNING, NOT_AVAILABLE or no compliance status.</summary>
    public int Other { get; set; }
}

/// <summary>A resource failing a control (at most <see cref="FindingAggregator.ResourcesPerControl"/> per control are kept).</summary>
public sealed class DiagnosisFailingResource
{
    /// <summary>The diagnosis.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>The control.</summary>
    public required string ControlId { get; init; }

    /// <summary>The resource (ARN or AWS id).</summary>
    public required string ResourceId { get; init; }

    /// <summary>ASFF resource type (e.g. <c>AwsS3Bucket</c>).</summary>
    public required string ResourceType { get; init; }
}

/// <summary>What the diagnosis turned on in the customer's account (recorded as each change is made).</summary>
public sealed record DiagnosisChanges
{
    /// <summary>Security Hub was off and the diagnosis enabled it.</summary>
    public bool EnabledSecurityHub { get; init; }

    /// <summary>Standards ARNs the diagnosis subscribed to.</summary>
    public IReadOnlyList<string> EnabledStandards { get; init; } = [];

    /// <summary>The Config recorder the diagnosis created (null when one existed).</summary>
    public string? CreatedConfigRecorder { get; init; }

    /// <summary>The delivery channel bucket the diagnosis set (null when one existed).</summary>
    public string? CreatedDeliveryChannelBucket { get; init; }

    /// <summary>The diagnosis started the Config recorder.</summary>
    public bool StartedConfigRecorder { get; init; }
}
