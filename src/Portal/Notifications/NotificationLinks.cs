namespace CloudpackPlus.Portal.Notifications;

/// <summary>Where a notification points: a path inside the portal, never another site.</summary>
public static class NotificationLinks
{
    public const string Fallback = "/Notifications";

    /// <summary>The notification's link when it is a local path (<c>/…</c>, not <c>//…</c>); otherwise the notifications page.</summary>
    public static string Local(string? link) =>
        link is { Length: > 0 } && link[0] == '/' && (link.Length == 1 || (link[1] != '/' && link[1] != '\\'))
            && !link.Any(char.IsControl)
            ? link
            : Fallback;

    /// <summary>The local link on the portal's public address, for mail.</summary>
    public static string Absolute(string portalUrl, string? link)
    {
        ArgumentNullException.ThrowIfNull(portalUrl);
        return portalUrl.TrimEnd('/') + Local(link);
    }
}
