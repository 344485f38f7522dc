using System.Security.Cryptography;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Applications;

/// <summary>An uploaded file as the portal received it.</summary>
public sealed record UploadedFile(string FileName, byte[] Content);

/// <summary>A message as the conversation shows it (attachments without their content).</summary>
public sealed record ConversationLine(
    Guid Id, Guid AuthorId, string AuthorName, bool FromStaff, string Body, DateTimeOffset CreatedAt,
    IReadOnlyList<AttachmentInfo> Attachments);

/// <summary>An attachment's metadata.</summary>
public sealed record AttachmentInfo(Guid Id, string FileName, string ContentType, long Size);

/// <summary>
/// APP-2: the conversation between a company and the CSM about one application. Who may read and
/// write is the portal's decision (company users of that company, staff); this service enforces
/// the content rules and notifies the other side in the same transaction.
/// </summary>
public sealed class ConversationService(CoreDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<ConversationLine>> ListAsync(Guid applicationId, CancellationToken cancellationToken = default)
    {
        var messages = await db.ApplicationMessages.AsNoTracking().Where(m => m.ApplicationId == applicationId)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.Id, m.AuthorId, m.FromStaff, m.Body, m.CreatedAt,
                Author = db.People.IgnoreQueryFilters().Where(p => p.Id == m.AuthorId).Select(p => p.DisplayName).FirstOrDefault(),
                Files = m.Attachments.OrderBy(a => a.FileName).Select(a => new AttachmentInfo(a.Id, a.FileName, a.ContentType, a.Size)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return messages.Select(m => new ConversationLine(m.Id, m.AuthorId, m.Author ?? "?", m.FromStaff, m.Body, m.CreatedAt, m.Files)).ToList();
    }

    /// <summary>Adds a message with its attachments and notifies the other side; refuses bad content with a reason.</summary>
    public async Task<ApplicationMessage> PostAsync(Guid applicationId, Guid authorId, bool fromStaff, string? body,
        IReadOnlyList<UploadedFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var text = CheckBody(body, files.Count);

        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException("申請", applicationId);
        var message = new ApplicationMessage
        {
            ApplicationId = application.Id, CompanyId = application.CompanyId, AuthorId = authorId, FromStaff = fromStaff,
            Body = text, CreatedAt = clock.GetUtcNow(),
        };
        foreach (var file in files)
        {
            var name = AttachmentPolicy.CleanFileName(file.FileName);
            var (type, refusal) = AttachmentPolicy.Classify(name, file.Content);
            if (refusal is { } why)
            {
                throw AttachmentRefused(name, why);
            }

            message.Attachments.Add(new MessageAttachment
            {
                MessageId = message.Id, ApplicationId = application.Id, CompanyId = application.CompanyId, FileName = name,
                ContentType = type!, Size = file.Content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content)), Content = file.Content,
            });
        }

        db.ApplicationMessages.Add(message);
        var writer = new NotificationWriter(db, clock);
        var preview = text.Length > 200 ? text[..200] + "…" : text;
        var note = new NotificationText("message", $"申請 {application.Number} に新しいメッセージがあります", $"New message on application {application.Number}", preview, preview);
        _ = fromStaff
            ? await writer.ToCustomerAsync(application, note, authorId, cancellationToken)
            : await writer.ToStaffAsync(application, note, authorId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return message;
    }

    /// <summary>One attachment with its content, or null (also when it belongs to another application).</summary>
    public Task<MessageAttachment?> GetAttachmentAsync(Guid applicationId, Guid attachmentId, CancellationToken cancellationToken = default) =>
        db.MessageAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.ApplicationId == applicationId, cancellationToken);

    /// <summary>APP-2's text rules, shared with inquiries (INQ-1): the trimmed body, or a refusal.</summary>
    internal static string CheckBody(string? body, int fileCount)
    {
        var text = (body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length == 0 && fileCount == 0)
        {
            throw new ProgrammeRuleException("message_empty", "メッセージを入力するか、ファイルを添付してください。", "Write a message or attach a file.");
        }

        if (text.Length > ConversationLimits.MaxBodyLength)
        {
            throw new ProgrammeRuleException("message_too_long", $"メッセージは{ConversationLimits.MaxBodyLength:N0}文字以内で入力してください。",
                $"A message may have at most {ConversationLimits.MaxBodyLength:N0} characters.");
        }

        if (fileCount > ConversationLimits.MaxAttachmentsPerMessage)
        {
            throw new ProgrammeRuleException("attachments_too_many", $"添付できるファイルは1通につき{ConversationLimits.MaxAttachmentsPerMessage}個までです。",
                $"At most {ConversationLimits.MaxAttachmentsPerMessage} files per message.");
        }

        return text;
    }

    internal static ProgrammeRuleException AttachmentRefused(string name, AttachmentRefusal why) => why switch
    {
        AttachmentRefusal.Empty => new("attachment_empty", $"{name}: 空のファイルは添付できません。", $"{name}: the file is empty."),
        AttachmentRefusal.TooLarge => new("attachment_too_large", $"{name}: 1ファイル{ConversationLimits.MaxAttachmentBytes / 1024 / 1024}MBまでです。",
            $"{name}: at most {ConversationLimits.MaxAttachmentBytes / 1024 / 1024} MB per file."),
        AttachmentRefusal.TypeNotAllowed => new("attachment_type", $"{name}: 添付できる形式は {string.Join(" ", AttachmentPolicy.Extensions)} です。",
            $"{name}: allowed types are {string.Join(" ", AttachmentPolicy.Extensions)}."),
        _ => new("attachment_content", $"{name}: ファイルの内容が拡張子と一致しません。", $"{name}: the content does not match the file type."),
    };
}
