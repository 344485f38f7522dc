using Npgsql;

namespace CloudpackPlus.Core.Data;

/// <summary>
/// Tells a database that went away (restart, failover, network) from an error in the work itself: such a failure
/// says nothing about the data, so callers retry or answer 503 instead of recording a fault or rejecting a session.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>
    /// True when <paramref name="error"/> or one of its inner exceptions is a lost or refused connection: an I/O,
    /// socket or timeout failure under Npgsql, a connection exception (SQLSTATE class 08), the server shutting down or
    /// starting (57P01–57P03), out of connection slots (53300) or out of disk space (53100: the server stays up and
    /// rolls the transaction back; the same work succeeds once space is freed, docs/operations.md "Disk full").
    /// </summary>
    /// <summary>True when <paramref name="error"/> or one of its inner exceptions is PostgreSQL out of disk space (53100).</summary>
    public static bool IsDiskFull(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.DiskFull })
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsOutage(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
                            or PostgresErrorCodes.DiskFull;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsOutage);
            }
        }

        return false;
    }
}
