using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Integrations.Aws.Credentials;

/// <summary>
/// Keeps assumed-role credentials in memory until shortly before they expire, so a report that
/// makes hundreds of calls assumes the role once. One fetch per key at a time.
/// </summary>
public sealed class AwsCredentialCache(IOptions<AwsOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, AwsSessionCredentials> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<AwsSessionCredentials> GetAsync(
        string key, Func<CancellationToken, Task<AwsSessionCredentials>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (TryGetFresh(key, out var cached))
        {
            return cached;
        }

        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (TryGetFresh(key, out cached))
            {
                return cached;
            }

            var fresh = await fetch(cancellationToken);
            _entries[key] = fresh;
            return fresh;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets the credentials under <paramref name="key"/> (AWS said the session expired or was revoked).</summary>
    public void Invalidate(string key) => _entries.TryRemove(key, out _);

    private bool TryGetFresh(string key, out AwsSessionCredentials credentials)
    {
        if (_entries.TryGetValue(key, out credentials!) && credentials.Expiration - options.Value.CredentialRefreshMargin > time.GetUtcNow())
        {
            return true;
        }

        credentials = null!;
        return false;
    }
}
