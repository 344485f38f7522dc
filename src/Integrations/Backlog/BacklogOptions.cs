using System.ComponentModel.DataAnnotations;

namespace CloudpackPlus.Integrations.Backlog;

/// <summary>Backlog (REST API v2) settings, section <c>Backlog</c>. Empty SpaceUrl = not configured.</summary>
public sealed class BacklogOptions : IValidatableObject
{
    public const string Section = "Backlog";

    /// <summary>e.g. https://example.backlog.jp (or .backlog.com).</summary>
    public string? SpaceUrl { get; set; }

    /// <summary>API key of the provider's Backlog user; secret (environment or user secrets, never appsettings).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Issue type for work reports, by name (e.g. 「作業報告」); empty = the project's first type.</summary>
    public string? IssueTypeName { get; set; }

    /// <summary>Backlog priority id: 2 High, 3 Normal, 4 Low.</summary>
    [Range(2, 4)]
    public int PriorityId { get; set; } = 3;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SpaceUrl) && !string.IsNullOrWhiteSpace(ApiKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(SpaceUrl)
            && (!Uri.TryCreate(SpaceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            yield return new ValidationResult("Backlog:SpaceUrl must be an absolute https URL such as https://example.backlog.jp.", [nameof(SpaceUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(SpaceUrl) && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult("Backlog:ApiKey is required when Backlog:SpaceUrl is set.", [nameof(ApiKey)]);
        }
    }
}
