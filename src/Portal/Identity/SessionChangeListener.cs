using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudpackPlus.Portal.Identity;

/// <summary>
/// Holds one connection that LISTENs to <see cref="SessionRowCache.Channel"/> and drops each changed user's row from the
/// <see cref="SessionRowCache"/>. While it is not connected (start-up, a database outage) the cache serves nothing;
/// it reconnects by itself, checking an idle connection every <see cref="Probe"/>.
/// </summary>
internal sealed partial class SessionChangeListener(NpgsqlDataSource dataSource, SessionRowCache cache, ILogger<SessionChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var userId))
                    {
                        cache.Drop(userId);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {SessionRowCache.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.GoLive();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(Probe, stoppingToken))
                    {
                        // Nothing came in: make sure the connection is still there (a dead peer would wait forever).
                        await using var probe = new NpgsqlCommand("SELECT 1", connection);
                        await probe.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException or InvalidOperationException)
            {
                LogLost(e.GetBaseException().Message);
            }
            finally
            {
                cache.GoDark();
            }

            try
            {
                await Task.Delay(Retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session change listener disconnected ({Error}); session checks read the database until it is back")]
    private partial void LogLost(string error);
}
