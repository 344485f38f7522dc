using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudpackPlus.Core.Applications;

/// <summary>
/// A file an e-mail carries: its name, MIME type (with parameters, e.g. <c>text/calendar; method=REQUEST; charset=utf-8</c>)
/// and bytes. Stored as JSON with the notification (and the mail outbox row) that sends it; the bytes as base64.
/// </summary>
public sealed record MailAttachment(
    [property: JsonPropertyName("fileName")] string FileName,
    [property: JsonPropertyName("contentType")] string ContentType,
    [property: JsonPropertyName("content")] byte[] Content)
{
    /// <summary>The largest attachment list (all files together) a mail may carry.</summary>
    public const int MaxTotalBytes = 1024 * 1024;

    /// <summary>The list as stored (null for none); refuses lists over <see cref="MaxTotalBytes"/>.</summary>
    public static string? ToJson(IReadOnlyList<MailAttachment>? attachments)
    {
        if (attachments is null || attachments.Count == 0)
        {
            return null;
        }

        if (attachments.Sum(a => (long)a.Content.Length) > MaxTotalBytes)
        {
            throw new ArgumentException($"A mail carries at most {MaxTotalBytes} bytes of attachments.", nameof(attachments));
        }

        return JsonSerializer.Serialize(attachments);
    }

    /// <summary>The stored list (empty for null).</summary>
    public static IReadOnlyList<MailAttachment> FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<MailAttachment>>(json) ?? [];
}
