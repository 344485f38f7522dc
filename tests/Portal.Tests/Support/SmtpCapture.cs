using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CloudpackPlus.Portal.Tests.Support;

/// <summary>A real SMTP server on 127.0.0.1 (a free port) that keeps every message it receives.</summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Store _store = new();
    private Task? _running;

    public int Port { get; } = FreePort();

    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages;

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    /// <summary>Waits until a message to the address arrives; returns its text body.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, Func<MimeMessage, bool>? where = null)
    {
        MimeMessage? found = null;
        var arrived = await Testing.Eventually.WaitAsync(() =>
        {
            found = _store.Messages.LastOrDefault(m =>
                m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase)) && (where?.Invoke(m) ?? true));
            return Task.FromResult(found is not null);
        });
        Assert.True(arrived, $"no mail to {to} arrived at the test SMTP server");
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }

    public static int FreePort() => CloudpackPlus.Testing.LoopbackPort.Free();

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
