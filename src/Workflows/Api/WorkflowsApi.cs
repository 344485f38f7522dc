using System.Text.Json;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows.Api;

/// <summary>
/// HTTP API of the runtime for the staff console (designer, instance viewer, task inbox). The
/// host decides who may call it (<c>RequireAuthorization</c> on the returned group); the acting
/// user always comes from the signed-in principal through <see cref="ITaskActorResolver"/>, and a
/// request without one is refused with 401.
/// </summary>
public static partial class WorkflowsApi
{
    /// <summary>
    /// Maps the API under <c>/api/workflows</c>; the caller adds the authorization policy of the whole
    /// group, and <paramref name="definitionsPolicy"/> (if given) is required on top of it to import or
    /// publish definitions (the host: admins only).
    /// </summary>
    public static RouteGroupBuilder MapWorkflowsApi(this IEndpointRouteBuilder app, string? definitionsPolicy = null)
    {
        var api = app.MapGroup("/api/workflows").AddEndpointFilter(RequireActor);
        api.MapGet("/activities", (ActivityRegistry registry) => TypedResults.Ok(registry.All));
        api.MapGet("/definitions", async (IDefinitionService d, CancellationToken ct) => TypedResults.Ok(await d.ListAsync(ct)));
        api.MapGet("/definitions/{id}/versions", async (string id, IDefinitionService d, CancellationToken ct) => TypedResults.Ok(await d.HistoryAsync(id, ct)));
        api.MapGet("/definitions/{id}/export", ExportAsync);
        var import = api.MapPost("/definitions/import", ImportAsync);
        var publish = api.MapPost("/definitions/{id}/versions/{version:int}/publish", PublishAsync);
        if (definitionsPolicy is not null)
        {
            import.RequireAuthorization(definitionsPolicy);
            publish.RequireAuthorization(definitionsPolicy);
        }

        api.MapGet("/instances/{id:guid}", async Task<Results<Ok<InstanceView>, NotFound>> (Guid id, IWorkflowRuntime r, CancellationToken ct) =>
            await r.GetInstanceAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound());
        api.MapGet("/instances/{id:guid}/journal", async (Guid id, long? after, int? limit, IWorkflowRuntime r, CancellationToken ct) =>
            TypedResults.Ok(await r.GetJournalAsync(id, after ?? 0, limit ?? 200, ct)));
        api.MapGet("/instances/{id:guid}/activities", async (Guid id, Background.IRunningActivities a, CancellationToken ct) => TypedResults.Ok(await a.ListAsync(id, ct)));
        api.MapPost("/instances/{id:guid}/cancel", async (Guid id, HttpContext http, IWorkflowRuntime r, CancellationToken ct) =>
            await r.CancelInstanceAsync(id, Actor(http).UserId, null, ct) ? Results.NoContent() : Results.Conflict(new { error = "the instance has already ended" }));
        MapFlowEndpoints(api);
        api.MapPost("/incidents/{id:guid}/retry", async (Guid id, HttpContext http, IWorkflowRuntime r, CancellationToken ct) =>
            await r.RetryIncidentAsync(id, Actor(http).UserId, ct) ? Results.NoContent() : Results.Conflict(new { error = "the incident is not open" }));
        api.MapGet("/tasks", async (HttpContext http, ITaskService t, CancellationToken ct) => TypedResults.Ok(await t.ListAsync(Actor(http), ct)));
        api.MapPost("/tasks/{id:guid}/claim", async (Guid id, HttpContext http, ITaskService t, CancellationToken ct) => TaskAnswer(await t.ClaimAsync(id, Actor(http), ct)));
        api.MapPost("/tasks/{id:guid}/release", async (Guid id, HttpContext http, ITaskService t, CancellationToken ct) => TaskAnswer(await t.ReleaseAsync(id, Actor(http), ct)));
        api.MapPost("/tasks/{id:guid}/complete", async (Guid id, Dictionary<string, JsonElement> data, HttpContext http, ITaskService t, CancellationToken ct) =>
            TaskAnswer(await t.CompleteAsync(id, Actor(http), data, ct)));
        return api;
    }

    private static async Task<IResult> ExportAsync(string id, int? version, IDefinitionService d, CancellationToken ct)
    {
        try
        {
            return Results.Text(await d.ExportAsync(id, version, ct), "application/json");
        }
        catch (WorkflowNotFoundVersionException e)
        {
            return Results.NotFound(new { error = e.Message });
        }
    }

    private static async Task<IResult> ImportAsync(HttpContext http, bool? publish, IDefinitionService d, DefinitionValidator validator, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        WorkflowGraph graph;
        try
        {
            graph = WorkflowGraph.Parse(await reader.ReadToEndAsync(ct));
        }
        catch (WorkflowDefinitionException e)
        {
            return BadDefinition([new Definitions.ValidationProblem(null, "malformed-json", e.Message)]);
        }

        // Validated before anything is written: an invalid definition is refused whole, never saved as a draft.
        if (validator.Validate(graph) is { Count: > 0 } problems)
        {
            return BadDefinition(problems);
        }

        try
        {
            return Results.Ok(await d.ImportAsync(graph.ToJson(), Actor(http).UserId, publish ?? false, ct));
        }
        catch (WorkflowValidationException e)
        {
            return BadDefinition(e.Problems);
        }
    }

    private static async Task<IResult> PublishAsync(string id, int version, HttpContext http, IDefinitionService d, CancellationToken ct)
    {
        try
        {
            return Results.Ok(await d.PublishAsync(id, version, Actor(http).UserId, ct));
        }
        catch (WorkflowNotFoundVersionException e)
        {
            return Results.NotFound(new { error = e.Message });
        }
        catch (WorkflowValidationException e)
        {
            return BadDefinition(e.Problems);
        }
        catch (WorkflowDefinitionException e)
        {
            return BadDefinition([new Definitions.ValidationProblem(null, "malformed-json", e.Message)]);
        }
    }

    private static IResult TaskAnswer(TaskCommandResult result) => result.Outcome switch
    {
        TaskCommandOutcome.Succeeded => Results.Ok(result),
        TaskCommandOutcome.NotFound => Results.NotFound(result),
        TaskCommandOutcome.NotAllowed => Results.Json(result, statusCode: StatusCodes.Status403Forbidden),
        TaskCommandOutcome.Invalid => Results.UnprocessableEntity(result),
        _ => Results.Conflict(result),
    };

    private static TaskActor Actor(HttpContext http) =>
        http.RequestServices.GetRequiredService<ITaskActorResolver>().Resolve(http.User)
        ?? throw new InvalidOperationException("RequireActor lets no request without an actor through.");

    private static async ValueTask<object?> RequireActor(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        return http.RequestServices.GetRequiredService<ITaskActorResolver>().Resolve(http.User) is null
            ? Results.Unauthorized()
            : await next(context);
    }
}
