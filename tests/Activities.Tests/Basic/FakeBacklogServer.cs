using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudpackPlus.Activities.Tests.Basic;

/// <summary>A small Backlog API v2 on 127.0.0.1 for BAS-4: project OPS (id 7); every call must carry the API key; issues are kept with their form.</summary>
public sealed class FakeBacklogServer : IAsyncDisposable
{
    public const string ApiKey = "bas-backlog-key-SECRET-0123456789";

    private WebApplication _app = null!;

    public Uri BaseUri { get; private set; } = null!;

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Issues { get; } = new();

    private int _refused;

    /// <summary>Calls refused for a missing or wrong API key.</summary>
    public int Refused => _refused;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            if (context.Request.Query["apiKey"] != ApiKey)
            {
                Interlocked.Increment(ref _refused);
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
            var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            Issues.Enqueue(form);
            return Results.Json(new { id = 5001, issueKey = $"OPS-{Issues.Count}", summary = form.GetValueOrDefault("summary") }, statusCode: 201);
        });
        await _app.StartAsync();
        BaseUri = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
