using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudpackPlus.Integrations.Tests.Backlog;

/// <summary>A small Backlog API v2 on 127.0.0.1: one project (key OPS, id 7), checks the apiKey and the form fields.</summary>
public sealed class FakeBacklog : IAsyncLifetime
{
    public const string ApiKey = "backlog-api-key-SECRET-1234567890";

    private WebApplication _app = null!;

    public Uri BaseUri { get; private set; } = null!;

    public ConcurrentQueue<(string Path, IReadOnlyDictionary<string, string> Form)> Posts { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            if (context.Request.Query["apiKey"] != ApiKey)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = "Authentication failure.", code = 11, moreInfo = "" } } });
                return;
            }

            await next(context);
        });
        _app.MapGet("/api/v2/projects/{key}", (string key) => key == "OPS"
            ? Results.Json(new { id = 7, projectKey = "OPS", name = "Operations" })
            : Results.Json(new { errors = new[] { new { message = "No project.", code = 6, moreInfo = "" } } }, statusCode: 404));
        _app.MapGet("/api/v2/projects/{key}/issueTypes", () => Results.Json(new[] { new { id = 101, name = "タスク" }, new { id = 102, name = "作業報告" } }));
        _app.MapPost("/api/v2/issues", async (HttpRequest request) =>
        {
            var form = await Read(request, "/api/v2/issues");
            return form.ContainsKey("projectId") && form.TryGetValue("summary", out var summary) && form.ContainsKey("issueTypeId") && form.ContainsKey("priorityId")
                ? Results.Json(new { id = 5001, issueKey = "OPS-12", summary }, statusCode: 201)
                : Results.Json(new { errors = new[] { new { message = "Missing field.", code = 7, moreInfo = "" } } }, statusCode: 400);
        });
        _app.MapPost("/api/v2/issues/{key}/comments", async (string key, HttpRequest request) =>
        {
            var form = await Read(request, $"/api/v2/issues/{key}/comments");
            return Results.Json(new { id = 9001, content = form.GetValueOrDefault("content") }, statusCode: 201);
        });
        await _app.StartAsync();
        BaseUri = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Dictionary<string, string>> Read(HttpRequest request, string path)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        Posts.Enqueue((path, form));
        return form;
    }
}
