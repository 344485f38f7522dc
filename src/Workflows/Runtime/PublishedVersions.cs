using System.Collections.Concurrent;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>
/// The published version of each definition as last read, so that a start needs no lookup round trip. Never trusted
/// blindly: a start from this cache inserts its instance only if the version is still the published one (the insert
/// is conditional), and a start that finds it superseded forgets it and starts again from a fresh read. A publish on
/// this host forgets it at once; on another host the conditional insert notices.
/// </summary>
internal sealed class PublishedVersions
{
    private readonly ConcurrentDictionary<string, (Guid Id, int Version)> _versions = new(StringComparer.Ordinal);

    public (Guid Id, int Version)? TryGet(string definitionId) =>
        _versions.TryGetValue(definitionId, out var version) ? version : null;

    public void Remember(string definitionId, (Guid Id, int Version) version) => _versions[definitionId] = version;

    public void Forget(string definitionId) => _versions.TryRemove(definitionId, out _);
}
