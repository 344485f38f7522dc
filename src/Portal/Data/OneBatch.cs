using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CloudpackPlus.Portal.Data;

/// <summary>The rows one statement of a <see cref="OneBatch"/> returned, filled when the batch has run.</summary>
public sealed class BatchRows<T>
{
    public List<T> Rows { get; } = [];

    /// <summary>The first row, or the default when the statement returned none.</summary>
    public T? FirstOrDefault => Rows.Count > 0 ? Rows[0] : default;
}

/// <summary>
/// Issue #17: several SELECTs sent as one <see cref="NpgsqlBatch"/> on a DbContext's connection (and its transaction,
/// if any): one SQL round trip for everything a page shows. Each statement takes positional parameters ($1, $2, …)
/// and a row reader; its rows land in the <see cref="BatchRows{T}"/> <see cref="Add{T}"/> returned. Raw SQL skips the
/// EF tenant filters: every customer statement names its company (or person) itself.
/// </summary>
public sealed class OneBatch
{
    private readonly List<(NpgsqlBatchCommand Command, Action<NpgsqlDataReader> Row)> _parts = [];

    public int Count => _parts.Count;

    /// <summary>Adds a statement; <paramref name="parameters"/> are $1, $2, … (a null is sent as SQL NULL: cast it in the SQL).</summary>
    public BatchRows<T> Add<T>(string sql, Func<NpgsqlDataReader, T> row, params object?[] parameters)
    {
        ArgumentNullException.ThrowIfNull(row);
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        var rows = new BatchRows<T>();
        _parts.Add((command, r => rows.Rows.Add(row(r))));
        return rows;
    }

    /// <summary>Sends every statement in one round trip and reads each result set into its rows (nothing is sent when empty).</summary>
    public async Task RunAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_parts.Count == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await ReadAsync(connection, db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction, cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>
    /// As above on a connection of <paramref name="dataSource"/> (outside any transaction): for a page's reads, which then
    /// never start a DbContext (its services, options and change tracker cost more CPU than the SQL, issue #17).
    /// </summary>
    public async Task RunAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (_parts.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ReadAsync(connection, null, cancellationToken);
    }

    private async Task ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { Transaction = transaction };
        foreach (var (command, _) in _parts)
        {
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < _parts.Count; i++)
        {
            if (i > 0)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            while (await reader.ReadAsync(cancellationToken))
            {
                _parts[i].Row(reader);
            }
        }
    }
}

/// <summary>Nullable column reads for <see cref="OneBatch"/> row readers.</summary>
public static class BatchReads
{
    public static string? Text(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static Guid? Id(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);

    public static DateTimeOffset? Stamp(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    public static DateTimeOffset At(this NpgsqlDataReader r, int i) => r.GetFieldValue<DateTimeOffset>(i);

    public static int? Number(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static TEnum Enum<TEnum>(this NpgsqlDataReader r, int i) where TEnum : struct, System.Enum => System.Enum.Parse<TEnum>(r.GetString(i));
}
