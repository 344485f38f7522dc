using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CloudpackPlus.Workflows.Tests.Support;

/// <summary>
/// An external system for the crash test: a local HTTP server on 127.0.0.1 that applies each
/// <c>Idempotency-Key</c> once and answers a repeated key as a deduplicated duplicate, counting both.
/// </summary>
public sealed class EffectReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _requestsByKey = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _applied;
    private int _requests;

    public EffectReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public Uri Url { get; }

    /// <summary>Called with the number of keys applied so far, after applying a new key and before answering.</summary>
    public Action<int>? OnApplied { get; set; }

    /// <summary>Distinct keys applied.</summary>
    public int Applied => Volatile.Read(ref _applied);

    /// <summary>Requests received, duplicates included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests that repeated an applied key (answered without applying again).</summary>
    public int Duplicates => Requests - Applied;

    /// <summary>The applied keys.</summary>
    public IReadOnlyCollection<string> Keys => [.. _requestsByKey.Keys];

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Handle(context));
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var key = context.Request.Headers["Idempotency-Key"];
        if (string.IsNullOrEmpty(key))
        {
            Answer(context, 400, "missing Idempotency-Key");
            return;
        }

        int? appliedNow = null;
        lock (_gate)
        {
            _requests++;
            var seen = _requestsByKey.AddOrUpdate(key, 1, (_, n) => n + 1);
            if (seen == 1)
            {
                appliedNow = ++_applied;
            }
        }

        if (appliedNow is { } count)
        {
            OnApplied?.Invoke(count);
        }

        Answer(context, 200, appliedNow is null ? "duplicate" : "applied");
    }

    private static void Answer(HttpListenerContext context, int status, string body)
    {
        try
        {
            context.Response.StatusCode = status;
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            context.Response.OutputStream.Write(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The caller was killed while waiting for its answer: that is the point of the test.
        }
    }

    public void Dispose() => _listener.Close();
}
