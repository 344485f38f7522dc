using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CloudpackPlus.Testing.Host;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CloudpackPlus.Host.Tests;

public sealed class TelemetryTests
{
    /// <summary>Stands in for an OpenTelemetry collector: records the paths posted to it.</summary>
    private sealed class FakeCollector : IDisposable
    {
        private readonly HttpListener _listener = new();

        public FakeCollector()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public int Port { get; }

        public ConcurrentBag<string> Paths { get; } = [];

        public void Dispose() => _listener.Close();

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                try
                {
                    var context = await _listener.GetContextAsync();
                    Paths.Add(context.Request.Url!.AbsolutePath);
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        }
    }

    private sealed class OtlpFactory(int port) : CloudpackAppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["OpenTelemetry:OtlpEndpoint"] = $"http://127.0.0.1:{port}",
        };
    }

    [Fact]
    public async Task TracesAndMetrics_AreExportedOverOtlp_WhenAnEndpointIsSet()
    {
        using var collector = new FakeCollector();
        var app = new OtlpFactory(collector.Port);
        await app.InitializeAsync();
        try
        {
            using var client = app.CreateClient();
            await client.GetStringAsync(new Uri("/", UriKind.Relative));

            Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
            Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

            Assert.Contains("/v1/traces", collector.Paths);
            Assert.Contains("/v1/metrics", collector.Paths);
        }
        finally
        {
            await ((Xunit.IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Telemetry_IsOff_WhenNoEndpointIsSet()
    {
        var app = new CloudpackAppFactory();
        await app.InitializeAsync();
        try
        {
            Assert.Null(app.Services.GetService<TracerProvider>());
        }
        finally
        {
            await ((Xunit.IAsyncLifetime)app).DisposeAsync();
        }
    }
}
