using CloudpackPlus.Core.Applications;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Applications;

/// <summary>Small pieces every application page needs.</summary>
public static class PageHelpers
{
    /// <summary>Reads uploaded files, refusing an oversized one before reading it into memory.</summary>
    public static async Task<(List<UploadedFile> Files, string? Error)> ReadUploadsAsync(IEnumerable<IFormFile>? files, IStringLocalizer text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var read = new List<UploadedFile>();
        foreach (var file in files ?? [])
        {
            if (file.Length > ConversationLimits.MaxAttachmentBytes)
            {
                return ([], text["Conversation.TooLarge", AttachmentPolicy.CleanFileName(file.FileName), ConversationLimits.MaxAttachmentBytes / 1024 / 1024]);
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            read.Add(new UploadedFile(file.FileName, buffer.ToArray()));
        }

        return (read, null);
    }

    /// <summary>A size for people: 12 KB, 3.4 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };

    /// <summary>The limit of one conversation post's body, in bytes (all attachments plus the text).</summary>
    public const long MaxPostBytes = (ConversationLimits.MaxAttachmentBytes * ConversationLimits.MaxAttachmentsPerMessage) + (1024 * 1024);
}

/// <summary>The conversation as the partial renders it: lines, where attachments are fetched, whether the reader may post.</summary>
public sealed record ConversationView(IReadOnlyList<ConversationLine> Lines, Func<Guid, string> AttachmentUrl, bool CanPost);
