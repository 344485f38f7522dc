using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Inquiries;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.BasicService;

/// <summary>Where a quote request comes from and when the work is wanted (SCOPE-1).</summary>
/// <param name="DesiredTiming">Free text, at most <see cref="QuoteRequestService.MaxTimingLength"/> characters.</param>
/// <param name="InquiryId">The company's inquiry it was asked from.</param>
/// <param name="ApplicationId">The company's application whose proposal recommended the work.</param>
public sealed record QuoteOrigin(string? DesiredTiming = null, Guid? InquiryId = null, Guid? ApplicationId = null);

/// <summary>One quote request as the lists show it.</summary>
public sealed record QuoteRow(QuoteRequest Request, string CompanyName, string RequestedByName, string? AccountId, string? OutcomeByName);

/// <summary>
/// SCOPE-1: records a request for out-of-scope work, routes it by the account's maintenance contract, and records
/// staff's outcome (quoted, declined, handed to the maintenance team) with a note. The inquiry or application it
/// comes from must be the same company's (another company's id answers as unknown).
/// </summary>
public sealed class QuoteRequestService(CoreDbContext db, TimeProvider clock)
{
    public const int MaxDescriptionLength = 4000;

    public const int MaxTimingLength = 200;

    public const int MaxNoteLength = 2000;

    public async Task<QuoteRequest> RecordAsync(Guid companyId, Guid? awsAccountId, string description, Guid requestedBy, CancellationToken cancellationToken = default) =>
        await RecordAsync(companyId, awsAccountId, description, requestedBy, new QuoteOrigin(), cancellationToken);

    public async Task<QuoteRequest> RecordAsync(Guid companyId, Guid? awsAccountId, string? description, Guid requestedBy, QuoteOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var text = description?.Trim() ?? "";
        if (text.Length == 0 || text.Length > MaxDescriptionLength)
        {
            throw new ProgrammeRuleException("quote_description", $"ご依頼内容を{MaxDescriptionLength:N0}文字以内で入力してください。", $"Describe the work to quote in at most {MaxDescriptionLength:N0} characters.");
        }

        var timing = string.IsNullOrWhiteSpace(origin.DesiredTiming) ? null : origin.DesiredTiming.Trim();
        if (timing?.Length > MaxTimingLength)
        {
            throw new ProgrammeRuleException("quote_timing", $"ご希望の時期は{MaxTimingLength}文字以内で入力してください。", $"Desired timing: at most {MaxTimingLength} characters.");
        }

        await db.RequireCompanyAsync(companyId, cancellationToken);
        if (origin.InquiryId is { } inquiryId && !await db.Set<Inquiry>().AnyAsync(i => i.Id == inquiryId && i.CompanyId == companyId, cancellationToken))
        {
            throw new NotFoundException("お問い合わせ", inquiryId);
        }

        if (origin.ApplicationId is { } applicationId && !await db.Applications.AnyAsync(a => a.Id == applicationId && a.CompanyId == companyId, cancellationToken))
        {
            throw new NotFoundException("申請", applicationId);
        }

        string? backlog = null;
        if (awsAccountId is { } accountId)
        {
            var account = await db.AwsAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId && a.CompanyId == companyId, cancellationToken)
                ?? throw new NotFoundException("AWSアカウント", accountId);
            backlog = account.UnderMaintenanceContract ? account.BacklogProjectKey : null;
        }

        var request = new QuoteRequest
        {
            CompanyId = companyId, AwsAccountId = awsAccountId, Description = text,
            Route = backlog is null ? QuoteRoute.SeparateQuote : QuoteRoute.MaintenanceContract, BacklogProjectKey = backlog,
            RequestedBy = requestedBy, RequestedAt = clock.GetUtcNow(), DesiredTiming = timing, InquiryId = origin.InquiryId, ApplicationId = origin.ApplicationId,
        };
        db.QuoteRequests.Add(request);
        IReadOnlyList<Guid> staff = await db.ResponsibleCsmsAsync(companyId, cancellationToken);
        foreach (var person in staff)
        {
            db.Notifications.Add(new Applications.Notification
            {
                RecipientId = person, CompanyId = companyId, Kind = "quote-requested", TitleJa = "お見積もりの依頼が届きました", TitleEn = "New quote request",
                BodyJa = text.Length > 200 ? text[..200] + "…" : text, BodyEn = text.Length > 200 ? text[..200] + "…" : text, Link = "/Staff/Quotes", CreatedAt = request.RequestedAt,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    /// <summary>SCOPE-1: staff record the outcome with a note (required unless quoted); a recorded outcome can be changed, the last one stands.</summary>
    public async Task<QuoteOutcome> RecordOutcomeAsync(Guid requestId, QuoteOutcome outcome, string? note, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        if (outcome == QuoteOutcome.Pending || !Enum.IsDefined(outcome))
        {
            throw new ProgrammeRuleException("quote_outcome", "結果を選んでください。", "Choose the outcome.");
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if ((text is null && outcome != QuoteOutcome.Quoted) || text?.Length > MaxNoteLength)
        {
            throw new ProgrammeRuleException("quote_note", $"メモを{MaxNoteLength:N0}文字以内で入力してください(お見積もり送付以外は必須)。",
                $"Enter a note of at most {MaxNoteLength:N0} characters (required unless quoted).");
        }

        var request = await db.QuoteRequests.SingleOrDefaultAsync(q => q.Id == requestId, cancellationToken) ?? throw new NotFoundException("見積依頼", requestId);
        var before = request.Outcome;
        request.Outcome = outcome;
        request.OutcomeNote = text;
        request.OutcomeBy = staffId;
        request.OutcomeAt = clock.GetUtcNow();
        db.Notifications.Add(new Applications.Notification
        {
            RecipientId = request.RequestedBy, CompanyId = request.CompanyId, Kind = "quote-outcome", TitleJa = "お見積もりのご依頼について回答がありました",
            TitleEn = "Your quote request was answered", BodyJa = text ?? "", BodyEn = text ?? "", Link = "/Quotes", CreatedAt = request.OutcomeAt.Value,
        });
        await db.SaveChangesAsync(cancellationToken);
        return before;
    }

    /// <summary>The company of a request (for the audit entry), or null.</summary>
    public Task<Guid?> CompanyOfAsync(Guid requestId, CancellationToken cancellationToken = default) =>
        db.QuoteRequests.Where(q => q.Id == requestId).Select(q => (Guid?)q.CompanyId).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<QuoteRequest>> ListAsync(Guid companyId, CancellationToken cancellationToken = default) =>
        await db.QuoteRequests.AsNoTracking().Where(q => q.CompanyId == companyId).OrderByDescending(q => q.RequestedAt).ToListAsync(cancellationToken);

    /// <summary>
    /// One page of the rows of a company (customers) or every company (staff, <paramref name="companyId"/> null), newest
    /// first, optionally only pending ones, narrowed by a search in the description, the desired timing, the Backlog
    /// project and (staff) the company's code or name.
    /// </summary>
    public async Task<Paged<QuoteRow>> RowsAsync(Guid? companyId, bool pendingOnly, string? search = null, int page = 1, int pageSize = Paging.ListPageSize,
        CancellationToken cancellationToken = default)
    {
        var query = db.QuoteRequests.AsNoTracking().AsQueryable();
        query = companyId is { } c ? query.Where(q => q.CompanyId == c) : query;
        query = pendingOnly ? query.Where(q => q.Outcome == QuoteOutcome.Pending) : query;
        if (Paging.Term(search) is { } term)
        {
            var pattern = Paging.ContainsPattern(term);
            query = query.Where(q => EF.Functions.ILike(q.Description, pattern) || EF.Functions.ILike(q.DesiredTiming ?? "", pattern)
                || EF.Functions.ILike(q.BacklogProjectKey ?? "", pattern)
                || (companyId == null && db.Companies.Any(x => x.Id == q.CompanyId && (EF.Functions.ILike(x.Code, pattern) || EF.Functions.ILike(x.Name, pattern)))));
        }

        var ordered = query.OrderByDescending(q => q.RequestedAt).ThenByDescending(q => q.Id);
        var total = await ordered.CountAsync(cancellationToken);
        var current = Paging.Clamp(page, total, pageSize);
        var rows = await ordered.Skip((current - 1) * pageSize).Take(pageSize).Select(q => new
        {
            Request = q,
            Company = db.Companies.IgnoreQueryFilters().Where(x => x.Id == q.CompanyId).Select(x => x.Name).FirstOrDefault(),
            By = db.People.IgnoreQueryFilters().Where(p => p.Id == q.RequestedBy).Select(p => p.DisplayName).FirstOrDefault(),
            Account = db.AwsAccounts.IgnoreQueryFilters().Where(a => a.Id == q.AwsAccountId).Select(a => a.AccountId).FirstOrDefault(),
            OutcomeBy = db.People.IgnoreQueryFilters().Where(p => p.Id == q.OutcomeBy).Select(p => p.DisplayName).FirstOrDefault(),
        }).ToListAsync(cancellationToken);
        return new Paged<QuoteRow>(rows.Select(r => new QuoteRow(r.Request, r.Company ?? "?", r.By ?? "?", r.Account, r.OutcomeBy)).ToList(), total, current, pageSize);
    }
}
