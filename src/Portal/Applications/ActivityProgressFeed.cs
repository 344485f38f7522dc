using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Workflows.Background;

namespace CloudpackPlus.Portal.Applications;

/// <summary>
/// The JSON an application page polls for its workflow's running background activities
/// (<c>wwwroot/activity-progress.js</c> draws it): names and times in the reader's language;
/// the worker's name only for staff.
/// </summary>
public static class ActivityProgressFeed
{
    /// <summary>One activity as the page shows it.</summary>
    public sealed record Item(string Name, string State, int? Percent, long? Done, long? Total, string? Message, string? Started, string? Heartbeat, string? Worker);

    public static IReadOnlyList<Item> Of(IReadOnlyList<RunningActivityView> activities, bool forStaff)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var japanese = PortalCultures.IsJapanese;
        return activities.Select(a => new Item(
            japanese ? a.DisplayNameJa : a.DisplayNameEn, a.State, a.Percent, a.Progress?.Done, a.Progress?.Total, a.Progress?.Message,
            a.StartedAt is { } started ? PortalCultures.DateTime(started) : null,
            a.HeartbeatAt is { } beat ? PortalCultures.DateTime(beat) : null,
            forStaff ? a.LeaseOwner : null)).ToList();
    }
}
