using CloudpackPlus.Core.Applications;

namespace CloudpackPlus.Portal.Notifications;

/// <summary>A notification's text in the reader's language; English falls back to Japanese when a writer left it empty.</summary>
public static class NotificationLanguage
{
    public static string Title(Notification notification, bool japanese)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return japanese || string.IsNullOrWhiteSpace(notification.TitleEn) ? notification.TitleJa : notification.TitleEn;
    }

    public static string Body(Notification notification, bool japanese)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return japanese || string.IsNullOrWhiteSpace(notification.BodyEn) ? notification.BodyJa : notification.BodyEn;
    }

    /// <summary>The body's lines, for a page to write one by one (encoded) with line breaks between.</summary>
    public static IReadOnlyList<string> Lines(string body) =>
        string.IsNullOrEmpty(body) ? [] : body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
