using System.Text.Json;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudpackPlus.Workflows.Api;

/// <summary>Signals, the incident list and cancel, and problem+json answers for bad definitions.</summary>
public static partial class WorkflowsApi
{
    private static void MapFlowEndpoints(RouteGroupBuilder api)
    {
        api.MapPost("/instances/{id:guid}/signals/{name}", SignalAsync);
        api.MapGet("/incidents", ListIncidentsAsync);
        api.MapPost("/incidents/{id:guid}/cancel", CancelIncidentAsync);
    }

    /// <summary>
    /// 400 application/problem+json: <c>errors</c> by node id (or <c>definition</c>) with each broken rule's message,
    /// and <c>problems</c>: every problem as {nodeId, code, message}.
    /// </summary>
    internal static IResult BadDefinition(IReadOnlyList<ValidationProblem> problems) =>
        Results.ValidationProblem(
            problems.GroupBy(p => p.NodeId ?? "definition").ToDictionary(g => g.Key, g => g.Select(p => $"{p.Code}: {p.Message}").ToArray()),
            detail: string.Join(" ", problems.Select(p => p.Message)),
            title: "The workflow definition is not valid.",
            type: "https://cloudpack.example.jp/problems/invalid-workflow-definition",
            extensions: new Dictionary<string, object?> { ["problems"] = problems });

    private static async Task<IResult> SignalAsync(Guid id, string name, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct)
    {
        Dictionary<string, object?> payload;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The signal payload must be a JSON object.");
            }

            payload = (Dictionary<string, object?>)PlainValues.FromJson(document.RootElement)!;
        }
        catch (JsonException) when (http.Request.ContentLength is 0 or null && http.Request.Headers.ContentType.Count == 0)
        {
            payload = [];
        }
        catch (JsonException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The signal payload is not valid JSON.", detail: e.Message);
        }

        var result = await runtime.SignalAsync(id, name, payload, Actor(http).UserId, ct);
        return result.Outcome switch
        {
            ResumeOutcome.Resumed => Results.Ok(result),
            ResumeOutcome.NotFound => Results.NotFound(result),
            _ => Results.Conflict(result),
        };
    }

    private static async Task<IResult> ListIncidentsAsync(string? status, string? definitionId, string? activityType, DateTimeOffset? since,
        int? page, int? pageSize, IWorkflowRuntime runtime, CancellationToken ct)
    {
        if (status is not (null or "" or "open" or "resolved"))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be open or resolved"] });
        }

        bool? open = status switch { "open" => true, "resolved" => false, _ => null };

        if (page is < 1 || pageSize is < 1 or > IncidentList.MaxPageSize)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["page"] = [$"page must be ≥ 1 and pageSize 1–{IncidentList.MaxPageSize}"] });
        }

        return Results.Ok(await runtime.ListIncidentsAsync(new IncidentQuery(open, definitionId, activityType, since, page ?? 1, pageSize ?? 50), ct));
    }

    private static async Task<IResult> CancelIncidentAsync(Guid id, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct)
    {
        var incident = await runtime.FindIncidentAsync(id, ct);
        if (incident is null)
        {
            return Results.NotFound(new { error = "no such incident" });
        }

        return incident.ResolvedAt is null && await runtime.CancelInstanceAsync(incident.InstanceId, Actor(http).UserId, $"incident {id} cancelled", ct)
            ? Results.NoContent()
            : Results.Conflict(new { error = "the incident is not open or its instance has already ended" });
    }
}
