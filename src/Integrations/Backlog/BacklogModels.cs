using System.Text.Json.Serialization;

namespace CloudpackPlus.Integrations.Backlog;

public sealed class BacklogProject
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("projectKey")]
    public string ProjectKey { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}

public sealed class BacklogIssueType
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}

public sealed class BacklogIssue
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("issueKey")]
    public string IssueKey { get; set; } = "";

    [JsonPropertyName("summary")]
    public string Summary { get; set; } = "";
}

public sealed class BacklogComment
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("content")]
    public string? Content { get; set; }
}

/// <summary>A new issue (POST /api/v2/issues).</summary>
/// <param name="ProjectId">Numeric project id.</param>
/// <param name="Summary">Title.</param>
/// <param name="IssueTypeId">Issue type of the project.</param>
/// <param name="PriorityId">2 High, 3 Normal, 4 Low.</param>
/// <param name="Description">Body (Backlog markdown or wiki notation, per project).</param>
public sealed record BacklogNewIssue(long ProjectId, string Summary, long IssueTypeId, int PriorityId, string? Description);

/// <summary>A Backlog call that failed; the message never contains the API key or the request URL.</summary>
public sealed class BacklogException(string message, int? status = null, Exception? inner = null) : Exception(message, inner)
{
    public int? Status { get; } = status;
}
