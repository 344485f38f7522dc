using System.ComponentModel.DataAnnotations;

namespace CloudpackPlus.Integrations.Aws;

/// <summary>How the AWS clients reach AWS.</summary>
public enum AwsMode
{
    /// <summary>No AWS configured: every call fails with <see cref="AwsNotConfiguredException"/>, the host still starts.</summary>
    Unconfigured,

    /// <summary>The in-process simulated AWS (demo, local runs); every result is flagged as simulated.</summary>
    Simulated,

    /// <summary>Real AWS endpoints through a cross-account role.</summary>
    Live,
}

/// <summary>Settings of the AWS integration (section <c>Aws</c>).</summary>
public sealed class AwsOptions : IValidatableObject
{
    public const string Section = "Aws";

    public AwsMode Mode { get; set; } = AwsMode.Unconfigured;

    /// <summary>
    /// The provider's principal that customers trust, e.g. <c>arn:aws:iam::111122223333:role/cloudpack-plus-portal</c>
    /// (the role the portal's hosts run as). Shown in the trust policy and CloudFormation template.
    /// </summary>
    public string ProviderPrincipalArn { get; set; } = "arn:aws:iam::111122223333:role/cloudpack-plus-portal";

    /// <summary>Name of the read-only role customers create (Trusted Advisor, Compute Optimizer, costs, findings).</summary>
    [Required, RegularExpression(@"^[\w+=,.@-]{1,64}$")]
    public string ReadOnlyRoleName { get; set; } = "CloudpackPlusReadOnly";

    /// <summary>Name of the diagnosis role (ACCT-D): read-only plus enabling Config and Security Hub.</summary>
    [Required, RegularExpression(@"^[\w+=,.@-]{1,64}$")]
    public string DiagnosisRoleName { get; set; } = "CloudpackPlusDiagnosis";

    /// <summary>
    /// Where the provider publishes the diagnosis role's CloudFormation template (parameter <c>ExternalId</c>) for the
    /// console's quick-create link (ACCT-D); CloudFormation reads templates only from S3 URLs.
    /// </summary>
    [Url]
    public string DiagnosisTemplateUrl { get; set; } = "https://cloudpack-plus-templates.s3.ap-northeast-1.amazonaws.com/diagnosis-role.yaml";

    /// <summary>Where the read-only role's template is published, for the quick-create link of the COST-C/SEC-C role task.</summary>
    [Url]
    public string ReadOnlyTemplateUrl { get; set; } = "https://cloudpack-plus-templates.s3.ap-northeast-1.amazonaws.com/read-only-role.yaml";

    /// <summary>Lifetime asked of STS for an assumed-role session (900–43200 s, capped by the role's maximum).</summary>
    [Range(900, 43200)]
    public int SessionDurationSeconds { get; set; } = 3600;

    /// <summary>Assumed-role credentials are refreshed this long before they expire.</summary>
    public TimeSpan CredentialRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Region of the regional services (Security Hub, Config, Compute Optimizer) unless a call names one.</summary>
    [Required, RegularExpression(@"^[a-z]{2}(-gov)?-[a-z]+-\d$")]
    public string DefaultRegion { get; set; } = "ap-northeast-1";

    public AwsRetryOptions Retry { get; set; } = new();

    /// <summary>STS endpoint; empty = the SDK's regional default for <see cref="StsRegion"/>.</summary>
    public string? StsServiceUrl { get; set; }

    [Required]
    public string StsRegion { get; set; } = "ap-northeast-1";

    /// <summary>Per service overrides, keyed by service id (securityhub, config, support, trustedadvisor, compute-optimizer, ce).</summary>
    public Dictionary<string, AwsEndpointOptions> Endpoints { get; set; } = new(StringComparer.OrdinalIgnoreCase);


    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == AwsMode.Live && !AwsArn.IsIamPrincipal(ProviderPrincipalArn))
        {
            yield return new ValidationResult(
                "Aws:ProviderPrincipalArn must be an IAM role or account ARN (arn:aws:iam::<12 digits>:role/<name> or :root) when Aws:Mode is Live.",
                [nameof(ProviderPrincipalArn)]);
        }

        if (SessionDurationSeconds > Trust.RoleTrustTemplates.MaxSessionDurationSeconds)
        {
            yield return new ValidationResult(
                $"Aws:SessionDurationSeconds ({SessionDurationSeconds}) exceeds the role templates' MaxSessionDuration ({Trust.RoleTrustTemplates.MaxSessionDurationSeconds} s): AWS would refuse every AssumeRole. Set Aws:SessionDurationSeconds to {Trust.RoleTrustTemplates.MaxSessionDurationSeconds} or less.",
                [nameof(SessionDurationSeconds)]);
        }

        if (CredentialRefreshMargin < TimeSpan.Zero || CredentialRefreshMargin >= TimeSpan.FromSeconds(SessionDurationSeconds))
        {
            yield return new ValidationResult(
                "Aws:CredentialRefreshMargin must be positive and shorter than Aws:SessionDurationSeconds.",
                [nameof(CredentialRefreshMargin)]);
        }

        if (Retry.MaxAttempts is < 1 or > 20 || Retry.BaseDelay < TimeSpan.Zero || Retry.MaxDelay < Retry.BaseDelay)
        {
            yield return new ValidationResult("Aws:Retry needs 1–20 MaxAttempts and 0 <= BaseDelay <= MaxDelay.", [nameof(Retry)]);
        }

        foreach (var (service, endpoint) in Endpoints)
        {
            if (!AwsServiceCatalog.IsKnown(service))
            {
                yield return new ValidationResult($"Aws:Endpoints:{service} is not a known service ({string.Join(", ", AwsServiceCatalog.Ids)}).");
            }
            else if (endpoint.ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                yield return new ValidationResult($"Aws:Endpoints:{service}:ServiceUrl is not an absolute URL.");
            }
        }
    }
}

/// <summary>Where one service is reached and for which region it is signed.</summary>
public sealed class AwsEndpointOptions
{
    /// <summary>Full base URL, e.g. https://securityhub.ap-northeast-1.amazonaws.com (default: derived from the region).</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Signing region; global services (Support, Cost Explorer, Trusted Advisor API) default to us-east-1.</summary>
    public string? Region { get; set; }
}

/// <summary>Bounded retries with exponential backoff and full jitter for throttling and 5xx answers.</summary>
public sealed class AwsRetryOptions
{
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);
}
