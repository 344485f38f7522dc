using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Csat;

/// <summary>
/// CSAT: issues the survey of a completed application inside the completing transaction, and tells the
/// company's representatives (portal notification; the notification mailer sends the mail in each
/// recipient's language). Idempotent: a replayed completion finds the survey (tracked or stored) and adds nothing.
/// </summary>
public static class SurveyIssuer
{
    public const string NotificationKind = "csat-survey";

    /// <summary>Returns the new survey, or null when the application already has one.</summary>
    public static async Task<SatisfactionSurvey?> IssueAsync(CoreDbContext db, ServiceApplication application, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        if (db.ChangeTracker.Entries<SatisfactionSurvey>().Any(e => e.Entity.ApplicationId == application.Id)
            || await db.SatisfactionSurveys.IgnoreQueryFilters().AnyAsync(s => s.ApplicationId == application.Id, cancellationToken))
        {
            return null;
        }

        var survey = new SatisfactionSurvey
        {
            Id = Guid.NewGuid(), ApplicationId = application.Id, CompanyId = application.CompanyId, ServiceId = application.ServiceId,
            CsmId = application.CsmId, SentAt = now,
        };
        db.SatisfactionSurveys.Add(survey);
        var representatives = await db.People.IgnoreQueryFilters()
            .Where(p => p.CompanyId == application.CompanyId && p.Role == PersonRole.Representative)
            .Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var person in representatives)
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = person, CompanyId = application.CompanyId, ApplicationId = application.Id, Kind = NotificationKind,
                TitleJa = $"[{application.Number}] ご意見をお聞かせください",
                TitleEn = $"[{application.Number}] Tell us how we did",
                BodyJa = "サービスはいかがでしたか。1〜5 の評価とご意見をお寄せください (1 分ほどで終わります)。",
                BodyEn = "How was the service? Please rate it from 1 to 5 and leave a comment if you like (about a minute).",
                Link = $"/Surveys/{survey.Id}", CreatedAt = now,
            });
        }

        return survey;
    }
}
