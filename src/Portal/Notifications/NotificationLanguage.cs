namespace CloudpackPlus.Portal.Notifications;

/// <summary>A notification body laid out for a page.</summary>
public static class NotificationLanguage
{
    /// <summary>The body's lines, for a page to write one by one (encoded) with line breaks between.</summary>
    public static IReadOnlyList<string> Lines(string body) =>
        string.IsNullOrEmpty(body) ? [] : body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
