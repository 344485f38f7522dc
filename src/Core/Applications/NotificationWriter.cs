using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Applications;

/// <summary>What to tell people: title and body in both languages, and where to look.</summary>
public sealed record NotificationText(string Kind, string TitleJa, string TitleEn, string BodyJa = "", string BodyEn = "", string? Link = null)
{
    /// <summary>Files the e-mail copies carry (e.g. a calendar invite); empty for none.</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];
}

/// <summary>
/// Adds notifications to the given context (so they commit with the change they announce). The
/// customer side is the applicant and the company's representatives; the staff side is the
/// application's CSM; while nobody has taken it on, the company's owning CSM (the backup while the
/// owner is away), else every CSM (the shared queue).
/// </summary>
public sealed class NotificationWriter(CoreDbContext db, TimeProvider clock)
{
    public async Task<int> ToCustomerAsync(ServiceApplication application, NotificationText text, Guid? except = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var people = await db.People.IgnoreQueryFilters()
            .Where(p => p.CompanyId == application.CompanyId && (p.Role == PersonRole.Representative || p.Id == application.AppliedBy))
            .Select(p => p.Id).ToListAsync(cancellationToken);
        return Add(people, application.CompanyId, application.Id, text with { Link = text.Link ?? $"/Applications/{application.Id}" }, except);
    }

    public async Task<int> ToStaffAsync(ServiceApplication application, NotificationText text, Guid? except = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        IReadOnlyList<Guid> people = application.CsmId is { } csm ? [csm] : await db.ResponsibleCsmsAsync(application.CompanyId, cancellationToken);
        if (people.Count == 0)
        {
            // Nobody looks after the company (or owner and backup are both away): the shared queue, every CSM.
            people = await db.People.IgnoreQueryFilters().Where(p => p.Role == PersonRole.Csm || p.Role == PersonRole.CsmLead).Select(p => p.Id).ToListAsync(cancellationToken);
        }

        return Add(people, application.CompanyId, application.Id, text with { Link = text.Link ?? $"/Staff/Applications/{application.Id}" }, except);
    }

    private int Add(IEnumerable<Guid> people, Guid companyId, Guid applicationId, NotificationText text, Guid? except)
    {
        var now = clock.GetUtcNow();
        var count = 0;
        foreach (var person in people.Distinct().Where(p => p != except))
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = person, CompanyId = companyId, ApplicationId = applicationId, Kind = text.Kind,
                TitleJa = text.TitleJa, TitleEn = text.TitleEn, BodyJa = text.BodyJa, BodyEn = text.BodyEn,
                Link = text.Link, CreatedAt = now, Attachments = MailAttachment.ToJson(text.Attachments),
            });
            count++;
        }

        return count;
    }
}
