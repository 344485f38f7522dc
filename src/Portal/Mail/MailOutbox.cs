using CloudpackPlus.Portal.Identity;
using Hangfire;

namespace CloudpackPlus.Portal.Mail;

/// <summary>
/// Queues mail in the caller's unit of work: <see cref="Add"/> stages a row on the identity
/// context (saved with the change that causes it); after the commit, <see cref="DispatchStaged"/>
/// asks Hangfire to send it now. A lost dispatch is harmless: the sweep sends what is left.
/// </summary>
public sealed class MailOutbox(PortalIdentityDbContext db, MailTemplates templates, TimeProvider clock, IBackgroundJobClient jobs)
{
    private readonly List<Guid> _staged = [];

    public MailOutboxMessage Add(string toAddress, string toName, string template, string culture, object model, string? attachments = null)
    {
        var rendered = templates.Render(template, culture, model);
        var message = new MailOutboxMessage
        {
            ToAddress = toAddress,
            ToName = toName,
            Template = template,
            Culture = culture,
            Subject = rendered.Subject,
            Body = rendered.Body,
            Attachments = attachments,
            CreatedAt = clock.GetUtcNow(),
        };
        db.MailOutbox.Add(message);
        _staged.Add(message.Id);
        return message;
    }

    public void DispatchStaged()
    {
        foreach (var id in _staged)
        {
            jobs.Enqueue<MailDispatchJob>(job => job.SendAsync(id, CancellationToken.None));
        }

        _staged.Clear();
    }
}
