using System.Security.Cryptography;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Inquiries;

/// <summary>What a company user asks: a category, a subject and the first message (with attachments).</summary>
public sealed record NewInquiry(InquiryCategory Category, string? Subject, string? Body, IReadOnlyList<UploadedFile> Files);

/// <summary>
/// INQ-1: opening an inquiry (any user of an active or suspended company), its conversation (APP-2's rules:
/// text ≤ 10,000, ≤ 5 checked attachments), assignment and closing by staff. Out-of-programme categories are
/// answered with the current redirect text and never opened. Every change notifies the other side in the same
/// transaction: the assignee, else the company's owning CSM (the backup while the owner is away), else every CSM.
/// </summary>
public sealed class InquiryService(CoreDbContext db, InquiryRedirects redirects, TimeProvider clock)
{
    public async Task<Inquiry> OpenAsync(Guid personId, NewInquiry request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var person = await db.People.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person?.CompanyId is not { } companyId)
        {
            throw new ProgrammeRuleException("not_customer", "お問い合わせは会社のユーザーのみ行えます。", "Only a company's users open inquiries.");
        }

        if (!Enum.IsDefined(request.Category))
        {
            throw new ProgrammeRuleException("inquiry_category", "お問い合わせの種類を選んでください。", "Choose what the inquiry is about.");
        }

        var subject = (request.Subject ?? "").Trim();
        if (subject.Length == 0 || subject.Length > InquiryLimits.MaxSubjectLength)
        {
            throw new ProgrammeRuleException("inquiry_subject", $"件名を{InquiryLimits.MaxSubjectLength}文字以内で入力してください。",
                $"Enter a subject of at most {InquiryLimits.MaxSubjectLength} characters.");
        }

        var now = clock.GetUtcNow();
        var inProgramme = Inquiry.InProgramme(request.Category);
        var redirect = inProgramme ? null : await redirects.CurrentAsync(request.Category, cancellationToken);
        var number = await db.Database.SqlQuery<long>($"SELECT nextval('core.application_numbers') AS \"Value\"").SingleAsync(cancellationToken);
        var inquiry = new Inquiry
        {
            CompanyId = companyId, Number = $"Q-{FiscalYear.Of(now).StartYear}-{number:D5}", Category = request.Category, Subject = subject,
            Status = inProgramme ? InquiryStatus.Open : InquiryStatus.Redirected, OpenedBy = personId, OpenedAt = now, LastActivityAt = now,
            RedirectVersion = redirect?.Version, ClosedAt = inProgramme ? null : now,
        };
        db.Set<Inquiry>().Add(inquiry);
        if (inProgramme)
        {
            var message = Message(inquiry, personId, false, request.Body, request.Files, now);
            db.Set<InquiryMessage>().Add(message);
            await NotifyStaffAsync(inquiry, $"お問い合わせ {inquiry.Number} が届きました: {subject}", $"New inquiry {inquiry.Number}: {subject}", message.Body, personId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return inquiry;
    }

    /// <summary>Adds a message; a staff message to an unassigned inquiry assigns it to its author.</summary>
    public async Task<InquiryMessage> PostAsync(Guid inquiryId, Guid authorId, bool fromStaff, string? body, IReadOnlyList<UploadedFile> files, CancellationToken cancellationToken = default)
    {
        var inquiry = await db.Set<Inquiry>().SingleOrDefaultAsync(i => i.Id == inquiryId, cancellationToken) ?? throw new NotFoundException("お問い合わせ", inquiryId);
        if (!inquiry.IsOpen)
        {
            throw new ProgrammeRuleException("inquiry_closed", "このお問い合わせはクローズされています。新しいお問い合わせを作成してください。",
                "This inquiry is closed: open a new one.");
        }

        var now = clock.GetUtcNow();
        var message = Message(inquiry, authorId, fromStaff, body, files, now);
        db.Set<InquiryMessage>().Add(message);
        inquiry.LastActivityAt = now;
        var preview = message.Body.Length > 200 ? message.Body[..200] + "…" : message.Body;
        if (fromStaff)
        {
            inquiry.AssigneeId ??= authorId;
            Notify([inquiry.OpenedBy], inquiry, $"/Inquiries/{inquiry.Id}", $"お問い合わせ {inquiry.Number} に回答がありました", $"Reply to your inquiry {inquiry.Number}", preview, authorId);
        }
        else
        {
            await NotifyStaffAsync(inquiry, $"お問い合わせ {inquiry.Number} に新しいメッセージがあります", $"New message on inquiry {inquiry.Number}", preview, authorId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return message;
    }

    /// <summary>Staff close an open inquiry; the opener is told. Closing a closed one is refused.</summary>
    public async Task CloseAsync(Guid inquiryId, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        var inquiry = await db.Set<Inquiry>().SingleOrDefaultAsync(i => i.Id == inquiryId, cancellationToken) ?? throw new NotFoundException("お問い合わせ", inquiryId);
        if (!inquiry.IsOpen)
        {
            throw new ProgrammeRuleException("inquiry_closed", "このお問い合わせはすでにクローズされています。", "This inquiry is already closed.");
        }

        var now = clock.GetUtcNow();
        inquiry.Status = InquiryStatus.Closed;
        inquiry.ClosedAt = now;
        inquiry.ClosedBy = staffId;
        inquiry.LastActivityAt = now;
        Notify([inquiry.OpenedBy], inquiry, $"/Inquiries/{inquiry.Id}", $"お問い合わせ {inquiry.Number} をクローズしました", $"Your inquiry {inquiry.Number} was closed", "", staffId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Staff assign an open inquiry to a CSM (or to nobody); the new assignee is told. Returns the previous assignee.</summary>
    public async Task<Guid?> AssignAsync(Guid inquiryId, Guid? assigneeId, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        if (assigneeId is { } assignee)
        {
            await db.RequireStaffAsync(assignee, cancellationToken);
        }

        var inquiry = await db.Set<Inquiry>().SingleOrDefaultAsync(i => i.Id == inquiryId, cancellationToken) ?? throw new NotFoundException("お問い合わせ", inquiryId);
        if (!inquiry.IsOpen)
        {
            throw new ProgrammeRuleException("inquiry_closed", "このお問い合わせはすでにクローズされています。", "This inquiry is already closed.");
        }

        var before = inquiry.AssigneeId;
        inquiry.AssigneeId = assigneeId;
        if (assigneeId is { } to && to != staffId)
        {
            Notify([to], inquiry, $"/Staff/Inquiries/{inquiry.Id}", $"お問い合わせ {inquiry.Number} の担当になりました", $"Inquiry {inquiry.Number} was assigned to you", inquiry.Subject, staffId);
        }

        await db.SaveChangesAsync(cancellationToken);
        return before;
    }

    private static InquiryMessage Message(Inquiry inquiry, Guid authorId, bool fromStaff, string? body, IReadOnlyList<UploadedFile> files, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(files);
        var text = ConversationService.CheckBody(body, files.Count);
        var message = new InquiryMessage { InquiryId = inquiry.Id, CompanyId = inquiry.CompanyId, AuthorId = authorId, FromStaff = fromStaff, Body = text, CreatedAt = now };
        foreach (var file in files)
        {
            var name = AttachmentPolicy.CleanFileName(file.FileName);
            var (type, refusal) = AttachmentPolicy.Classify(name, file.Content);
            if (refusal is { } why)
            {
                throw ConversationService.AttachmentRefused(name, why);
            }

            message.Attachments.Add(new InquiryAttachment
            {
                MessageId = message.Id, InquiryId = inquiry.Id, CompanyId = inquiry.CompanyId, FileName = name, ContentType = type!,
                Size = file.Content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content)), Content = file.Content,
            });
        }

        return message;
    }

    private async Task NotifyStaffAsync(Inquiry inquiry, string titleJa, string titleEn, string body, Guid except, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> people = inquiry.AssigneeId is { } assignee ? [assignee] : await db.ResponsibleCsmsAsync(inquiry.CompanyId, cancellationToken);
        if (people.Count == 0)
        {
            // Nobody looks after the company now: the shared queue, every CSM.
            people = await db.People.IgnoreQueryFilters().Where(p => p.Role == PersonRole.Csm || p.Role == PersonRole.CsmLead).Select(p => p.Id).ToListAsync(cancellationToken);
        }

        Notify(people, inquiry, $"/Staff/Inquiries/{inquiry.Id}", titleJa, titleEn, body, except);
    }

    private void Notify(IEnumerable<Guid> people, Inquiry inquiry, string link, string titleJa, string titleEn, string body, Guid except)
    {
        foreach (var person in people.Distinct().Where(p => p != except))
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = person, CompanyId = inquiry.CompanyId, Kind = "inquiry", TitleJa = titleJa, TitleEn = titleEn,
                BodyJa = body, BodyEn = body, Link = link, CreatedAt = clock.GetUtcNow(),
            });
        }
    }
}
