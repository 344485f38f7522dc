using System.Text;

namespace CloudpackPlus.Core.Applications;

/// <summary>Limits of the per-application conversation (APP-2).</summary>
public static class ConversationLimits
{
    public const int MaxBodyLength = 10_000;

    public const long MaxAttachmentBytes = 10 * 1024 * 1024;

    public const int MaxAttachmentsPerMessage = 5;

    public const int MaxFileNameLength = 200;
}

/// <summary>
/// Decides whether an uploaded file may be kept and with which content type. The type comes from
/// the content's own signature checked against the file extension, never from the browser's claim;
/// only types a browser will not run are accepted (no HTML, SVG, scripts or executables).
/// </summary>
public static class AttachmentPolicy
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".txt"] = "text/plain; charset=utf-8",
        [".csv"] = "text/csv; charset=utf-8",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    /// <summary>The accepted extensions, for the form's hint.</summary>
    public static IReadOnlyCollection<string> Extensions => Types.Keys;

    /// <summary>The content type to store and serve, or the reason the file is refused.</summary>
    public static (string? ContentType, AttachmentRefusal? Refusal) Classify(string fileName, ReadOnlySpan<byte> content)
    {
        if (content.Length == 0)
        {
            return (null, AttachmentRefusal.Empty);
        }

        if (content.Length > ConversationLimits.MaxAttachmentBytes)
        {
            return (null, AttachmentRefusal.TooLarge);
        }

        var extension = Path.GetExtension(fileName ?? "");
        if (!Types.TryGetValue(extension, out var type))
        {
            return (null, AttachmentRefusal.TypeNotAllowed);
        }

        var matches = extension.ToLowerInvariant() switch
        {
            ".pdf" => content.StartsWith("%PDF-"u8),
            ".png" => content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            ".jpg" or ".jpeg" => content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
            ".gif" => content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8),
            ".txt" or ".csv" => IsPlainText(content),
            _ => content.StartsWith("PK\u0003\u0004"u8), // Office Open XML is a zip package
        };
        return matches ? (type, null) : (null, AttachmentRefusal.ContentDoesNotMatch);
    }

    /// <summary>A file name safe to store and to put in a Content-Disposition header.</summary>
    public static string CleanFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        var cleaned = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\')).ToArray()).Trim();
        if (cleaned.Length == 0)
        {
            cleaned = "file";
        }

        return cleaned.Length <= ConversationLimits.MaxFileNameLength ? cleaned
            : cleaned[..(ConversationLimits.MaxFileNameLength - Path.GetExtension(cleaned).Length)] + Path.GetExtension(cleaned);
    }

    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.Contains((byte)0) || !System.Text.Unicode.Utf8.IsValid(content))
        {
            return false;
        }

        // Text must not look like markup a browser could sniff into HTML or SVG.
        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return !(head.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<script", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<svg", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Why an attachment was refused.</summary>
public enum AttachmentRefusal
{
    Empty,
    TooLarge,
    TypeNotAllowed,
    ContentDoesNotMatch,
}
