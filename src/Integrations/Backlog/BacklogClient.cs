using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Integrations.Backlog;

/// <summary>
/// Backlog REST API v2. The API key travels as the <c>apiKey</c> query parameter (Backlog's scheme),
/// so requests are never logged with their URL, and errors never quote it.
/// </summary>
public sealed class BacklogClient(HttpClient http, IOptions<BacklogOptions> options, ILogger<BacklogClient> logger)
{
    public Task<BacklogProject> GetProjectAsync(string projectIdOrKey, CancellationToken cancellationToken = default) =>
        SendAsync<BacklogProject>(HttpMethod.Get, $"projects/{Uri.EscapeDataString(projectIdOrKey)}", null, cancellationToken);

    public Task<List<BacklogIssueType>> GetIssueTypesAsync(string projectIdOrKey, CancellationToken cancellationToken = default) =>
        SendAsync<List<BacklogIssueType>>(HttpMethod.Get, $"projects/{Uri.EscapeDataString(projectIdOrKey)}/issueTypes", null, cancellationToken);

    public Task<BacklogIssue> CreateIssueAsync(BacklogNewIssue issue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var form = new List<KeyValuePair<string, string>>
        {
            new("projectId", issue.ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("summary", issue.Summary),
            new("issueTypeId", issue.IssueTypeId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("priorityId", issue.PriorityId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrEmpty(issue.Description))
        {
            form.Add(new("description", issue.Description));
        }

        return SendAsync<BacklogIssue>(HttpMethod.Post, "issues", form, cancellationToken);
    }

    public Task<BacklogComment> AddCommentAsync(string issueIdOrKey, string content, CancellationToken cancellationToken = default) =>
        SendAsync<BacklogComment>(HttpMethod.Post, $"issues/{Uri.EscapeDataString(issueIdOrKey)}/comments",
            [new("content", content)], cancellationToken);

    /// <summary>The browser URL of an issue, for links in the portal.</summary>
    public Uri IssueUrl(string issueKey) => new(SpaceUri(), $"view/{Uri.EscapeDataString(issueKey)}");

    private async Task<T> SendAsync<T>(HttpMethod method, string path, List<KeyValuePair<string, string>>? form, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new BacklogException("Backlog is not configured (Backlog:SpaceUrl and Backlog:ApiKey).");
        }

        var uri = new Uri(SpaceUri(), $"api/v2/{path}?apiKey={Uri.EscapeDataString(settings.ApiKey!)}");
        using var request = new HttpRequestMessage(method, uri);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            // Not chained: some handlers put the request URI (with the key) into their messages.
            logger.LogWarning("Backlog {Method} /api/v2/{Path} could not be sent: {Error}", method, path, ex.HttpRequestError);
            throw new BacklogException($"Backlog could not be reached ({ex.HttpRequestError}). Try again later.");
        }

        using (response)
        {
            logger.LogInformation("Backlog {Method} /api/v2/{Path} answered {Status}", method, path, (int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<T>(cancellationToken))!;
            }

            throw new BacklogException(await DescribeAsync(response, cancellationToken), (int)response.StatusCode);
        }
    }

    private Uri SpaceUri()
    {
        var url = options.Value.SpaceUrl!;
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var detail = "";
        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                detail = string.Join("; ", errors.EnumerateArray().Select(e => e.TryGetProperty("message", out var m) ? m.GetString() : null).OfType<string>());
            }
        }
        catch (JsonException)
        {
            // Not Backlog's JSON error format (e.g. a proxy page); the status says enough.
        }

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "Backlog refused the API key (401). Check Backlog:ApiKey and that its user is a member of the project.",
            HttpStatusCode.Forbidden => $"Backlog forbade the operation (403): {detail}",
            HttpStatusCode.NotFound => $"Backlog project or issue not found (404): {detail}",
            HttpStatusCode.TooManyRequests => "Backlog's rate limit was reached (429). Try again later.",
            _ => $"Backlog answered {(int)response.StatusCode}: {detail}",
        };
    }
}
