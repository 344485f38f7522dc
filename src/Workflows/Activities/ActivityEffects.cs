using System.Text.Json;
using Npgsql;

namespace CloudpackPlus.Workflows.Activities;

/// <summary>
/// Exactly-once external effects for one activity activation. <see cref="RunOnceAsync{T}"/> runs a
/// call only when the activation has not recorded it yet, and records its result in its own short
/// transaction right after it returns; a retry or a redelivered job gets the recorded result instead
/// of calling again. A crash between the call and the record repeats the call once with the same key,
/// so pass <see cref="KeyFor"/> (or <see cref="ActivityContext.IdempotencyKey"/>) to APIs that accept
/// one (ClientToken, Idempotency-Key) and the repeat is deduplicated on their side.
/// </summary>
public sealed class ActivityEffects
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly NpgsqlDataSource _dataSource;
    private readonly Guid _instanceId;
    private readonly string _activationKey;
    private readonly TimeProvider _time;
    private readonly CancellationToken _cancellationToken;

    internal ActivityEffects(NpgsqlDataSource dataSource, Guid instanceId, string activationKey, TimeProvider time, CancellationToken cancellationToken)
    {
        _dataSource = dataSource;
        _instanceId = instanceId;
        _activationKey = activationKey;
        _time = time;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The idempotency key of one named effect of this activation: <c>{activation key}:{effect}</c>.</summary>
    public string KeyFor(string effect) => $"{_activationKey}:{effect}";

    /// <summary>
    /// The same key in the shape AWS client tokens accept (<c>ClientToken</c>, <c>ClientRequestToken</c>:
    /// letters, digits and hyphens, at most 64 characters): a UUID derived from <see cref="KeyFor"/>.
    /// </summary>
    public string ClientTokenFor(string effect)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(KeyFor(effect)));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    /// <summary>
    /// Runs <paramref name="call"/> unless this activation already completed the effect named
    /// <paramref name="effect"/>; returns the call's result or the recorded one. The result must
    /// serialise to JSON. A call that throws records nothing (the next attempt calls again).
    /// </summary>
    public async Task<T> RunOnceAsync<T>(string effect, Func<CancellationToken, Task<T>> call)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(effect);
        ArgumentNullException.ThrowIfNull(call);
        if (effect.Length > 100)
        {
            throw new ArgumentException("An effect's name has at most 100 characters.", nameof(effect));
        }

        if (await FindAsync(effect) is { } recorded)
        {
            return JsonSerializer.Deserialize<T>(recorded, Json)!;
        }

        var result = await call(_cancellationToken);
        var json = JsonSerializer.Serialize(result, Json);
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO wf.effects (activation_key, effect, instance_id, result, recorded_at)
            VALUES (@key, @effect, @instance, @result::jsonb, @now) ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue("key", _activationKey);
        command.Parameters.AddWithValue("effect", effect);
        command.Parameters.AddWithValue("instance", _instanceId);
        command.Parameters.AddWithValue("result", json);
        command.Parameters.AddWithValue("now", _time.GetUtcNow());
        // CancellationToken.None: once the call happened, recording it matters more than a cancellation.
        if (await command.ExecuteNonQueryAsync(CancellationToken.None) == 1)
        {
            return result;
        }

        // Another worker of the same activation recorded first (a takeover): its record stands.
        return JsonSerializer.Deserialize<T>((await FindAsync(effect))!, Json)!;
    }

    /// <summary>As <see cref="RunOnceAsync{T}"/>, for a call without a result.</summary>
    public Task RunOnceAsync(string effect, Func<CancellationToken, Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RunOnceAsync(effect, async ct =>
        {
            await call(ct);
            return true;
        });
    }

    /// <summary>Whether this activation already completed the effect.</summary>
    public async Task<bool> IsRecordedAsync(string effect) => await FindAsync(effect) is not null;

    private async Task<string?> FindAsync(string effect)
    {
        await using var command = _dataSource.CreateCommand("SELECT result::text FROM wf.effects WHERE activation_key = @key AND effect = @effect");
        command.Parameters.AddWithValue("key", _activationKey);
        command.Parameters.AddWithValue("effect", effect);
        return await command.ExecuteScalarAsync(_cancellationToken) as string;
    }
}
