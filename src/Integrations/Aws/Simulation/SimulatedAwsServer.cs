using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>
/// Serves a <see cref="SimulatedAws"/> over real HTTP on 127.0.0.1 (a free port), so tests exercise
/// the HTTP stack, the AWS SDK's STS client and signature verification end to end.
/// </summary>
public sealed class SimulatedAwsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatedAwsServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<SimulatedAwsServer> StartAsync(SimulatedAws aws, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            var request = context.Request;
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase);
            // The raw target keeps the path's percent-encoding, which the signature covers.
            var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
            var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
            var wire = new WireRequest(request.Method, query < 0 ? rawTarget : rawTarget[..query],
                query < 0 ? "" : rawTarget[(query + 1)..], headers, buffer.ToArray());
            var answer = await aws.HandleAsync(wire, context.RequestAborted);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            foreach (var (name, value) in answer.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatedAwsServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
