using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudpackPlus.Activities.Reports;

/// <summary>
/// A minimal Chrome DevTools protocol client over one browser WebSocket: commands (optionally in a flat target
/// session) answered by id, and events awaited by method and session.
/// </summary>
internal sealed class DevToolsConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentDictionary<(string Method, string? Session), TaskCompletionSource<JsonElement>> _awaited = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiver;
    private int _nextId;

    public async Task ConnectAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await _socket.ConnectAsync(endpoint, cancellationToken);
        _receiver = Task.Run(ReceiveLoopAsync, CancellationToken.None);
    }

    /// <summary>Registers interest in an event before the command that causes it is sent.</summary>
    public Task<JsonElement> EventAsync(string method, string? session) =>
        _awaited.GetOrAdd((method, session), _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Sends a command and returns its <c>result</c>; a protocol error becomes an exception.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters, string? session, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var waiter = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = waiter;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }) };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        await _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, cancellationToken);
        await using var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        return await waiter.Task;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var read = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, read.Count);
                if (!read.EndOfMessage)
                {
                    continue;
                }

                Dispatch(JsonDocument.Parse(message.ToArray()).RootElement);
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The browser went away or we are closing: every waiter learns it below.
        }

        foreach (var waiter in _pending.Values)
        {
            waiter.TrySetException(new IOException("Chromium closed the DevTools connection."));
        }

        foreach (var waiter in _awaited.Values)
        {
            waiter.TrySetException(new IOException("Chromium closed the DevTools connection."));
        }
    }

    private void Dispatch(JsonElement root)
    {
        if (root.TryGetProperty("id", out var idElement) && _pending.TryRemove(idElement.GetInt32(), out var waiter))
        {
            if (root.TryGetProperty("error", out var error))
            {
                waiter.TrySetException(new IOException($"DevTools error: {error.GetRawText()}"));
            }
            else
            {
                waiter.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
            }

            return;
        }

        if (root.TryGetProperty("method", out var method))
        {
            var session = root.TryGetProperty("sessionId", out var s) ? s.GetString() : null;
            var key = (method.GetString()!, session);
            var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
            _awaited.GetOrAdd(key, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(parameters);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_receiver is not null)
        {
            await _receiver.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _socket.Dispose();
        _stop.Dispose();
    }
}
