using System.Globalization;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.Consulting;

/// <summary>
/// COST-C/SEC-C: tells the customer (applicant and representatives) and the CSM that a meeting is booked. Each
/// notification's e-mail carries the meeting's calendar invite (.ics, <see cref="IcsCalendar"/>): UID stable per
/// application and meeting, SEQUENCE = how often this node ran before (a rescheduled meeting replaces its invite).
/// </summary>
[Activity("SendMeetingInvite", DisplayNameJa = "会議の招待を送る", DisplayNameEn = "Send the meeting invite", Category = "Consulting",
    Description = "Notifies the customer and the CSM of a booked meeting; the e-mails carry an .ics invite (METHOD:REQUEST).")]
public sealed class SendMeetingInvite : Activity
{
    /// <summary>The meeting's key within the application (e.g. <c>scoping</c>), part of the invite's UID.</summary>
    [Input(Description = "Meeting key (scoping, report)", Required = true)]
    public string Meeting { get; set; } = "";

    /// <summary>Start.</summary>
    [Input(Description = "Starts at", Required = true)]
    public DateTimeOffset StartsAt { get; set; }

    /// <summary>Length in minutes.</summary>
    [Input(Description = "Duration (minutes)", Required = true)]
    public int DurationMinutes { get; set; }

    /// <summary>The online meeting's URL (the invite's URL and LOCATION).</summary>
    [Input(Description = "Meeting URL", Required = true)]
    public string MeetingUrl { get; set; } = "";

    /// <summary>The meeting's name (Japanese): the invite's SUMMARY and the notification title.</summary>
    [Input(Description = "Title (Japanese)", Required = true)]
    public string TitleJa { get; set; } = "";

    /// <summary>The meeting's name (English).</summary>
    [Input(Description = "Title (English)", Required = true)]
    public string TitleEn { get; set; } = "";

    /// <summary>A note to the attendees.</summary>
    [Input(Description = "Note")]
    public string? Note { get; set; }

    /// <summary>The organizer (the CSM's person id); without one, the application's CSM.</summary>
    [Input(Description = "Organizer (person id)")]
    public string? Organizer { get; set; }

    /// <summary>The invite's UID.</summary>
    [Output(Description = "Invite UID")]
    public string Uid { get; set; } = "";

    /// <summary>How many people were notified.</summary>
    [Output(Description = "Recipients")]
    public int Recipients { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (DurationMinutes is < 1 or > 24 * 60)
        {
            throw new InvalidOperationException($"A meeting lasts 1 to 1440 minutes, not {DurationMinutes}.");
        }

        var (db, application) = await StepApplication.LoadAsync(context);
        var ct = context.CancellationToken;
        var organizerId = Guid.TryParse(Organizer, out var given) ? given : application.CsmId;
        var organizer = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == organizerId)
            .Select(p => new MeetingPerson(p.DisplayName, p.Email)).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("The meeting has no organizer (no CSM on the application).");
        var attendees = await db.People.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.CompanyId == application.CompanyId && (p.Role == Core.Companies.PersonRole.Representative || p.Id == application.AppliedBy))
            .OrderBy(p => p.Email).Select(p => new MeetingPerson(p.DisplayName, p.Email)).ToListAsync(ct);

        Uid = $"{application.Id:N}-{Meeting}@cloudpackplus";
        var sequence = Activation(context.IdempotencyKey) - 1;
        var startsAt = StartsAt.ToUniversalTime();
        var endsAt = startsAt.AddMinutes(DurationMinutes);
        var ics = IcsCalendar.Bytes(new MeetingInvite(Uid, sequence, startsAt, endsAt, $"[{application.Number}] {TitleJa} / {TitleEn}",
            $"{Note}\n{MeetingUrl}".Trim(), MeetingUrl, organizer, attendees, context.Time.GetUtcNow()));
        var when = Tokyo.ToTokyo(startsAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "–" + Tokyo.ToTokyo(endsAt).ToString("HH:mm", CultureInfo.InvariantCulture);
        var text = new NotificationText($"meeting-{Meeting}", $"[{application.Number}] {TitleJa}", $"[{application.Number}] {TitleEn}",
            $"日時: {when}(日本時間、{DurationMinutes}分)\n会議URL: {MeetingUrl}\n{Note}\nカレンダーへの招待(.ics)をメールに添付しています。".TrimEnd(),
            $"When: {when} (Japan time, {DurationMinutes} min)\nMeeting URL: {MeetingUrl}\n{Note}\nThe e-mail carries a calendar invite (.ics).".TrimEnd())
        {
            Attachments = [new MailAttachment($"{application.Number}-{Meeting}.ics", IcsCalendar.ContentType, ics)],
        };
        var writer = new NotificationWriter(db, context.Time);
        Recipients = await writer.ToCustomerAsync(application, text, cancellationToken: ct)
            + await writer.ToStaffAsync(application, text, cancellationToken: ct);
        return ActivityResult.Done();
    }

    /// <summary>The activation number at the end of <c>{instance}:{node}:{activation}</c>.</summary>
    private static int Activation(string key) =>
        int.TryParse(key[(key.LastIndexOf(':') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
}
