using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.Applications;

/// <summary>Loads the application an instance fulfils (its correlation id) inside the step's transaction.</summary>
internal static class StepApplication
{
    public static async Task<(CoreDbContext Db, ServiceApplication Application)> LoadAsync(ActivityContext context)
    {
        var db = context.GetDbContext<CoreDbContext>();
        var id = Guid.TryParse(context.CorrelationId, out var parsed) ? parsed
            : throw new InvalidOperationException("This activity runs only in a workflow started by an application (correlation id = application id).");
        var application = await db.Applications.IgnoreQueryFilters().SingleOrDefaultAsync(a => a.Id == id, context.CancellationToken)
            ?? throw new InvalidOperationException($"Application {id} does not exist.");
        return (db, application);
    }
}

/// <summary>Moves the application to a status; optionally records the agreed date and the CSM who acted.</summary>
[Activity("UpdateApplication", DisplayNameJa = "申請の状態を更新", DisplayNameEn = "Update application", Category = "Applications",
    Description = "Sets the application's status (and the agreed date, the CSM) in the step's transaction.")]
public sealed class UpdateApplication : Activity
{
    /// <summary>Submitted, Scheduling, Scheduled, InProgress.</summary>
    [Input(Description = "Status (Submitted, Scheduling, Scheduled, InProgress)", Required = true)]
    public ApplicationStatus Status { get; set; }

    /// <summary>The agreed date of the session.</summary>
    [Input(Description = "Agreed date and time")]
    public DateTimeOffset? ScheduledAt { get; set; }

    /// <summary>The CSM (person id) who took the application on.</summary>
    [Input(Description = "CSM (person id)")]
    public string? Csm { get; set; }

    /// <summary>The status set (the application's timeline reads it from the journal).</summary>
    [Output(Description = "Status set")]
    public string? StatusSet { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Status is ApplicationStatus.Completed or ApplicationStatus.Cancelled)
        {
            throw new InvalidOperationException("Completion and cancellation have their own steps (tickets move with them).");
        }

        var (db, application) = await StepApplication.LoadAsync(context);
        if (!application.IsOpen)
        {
            throw new InvalidOperationException($"Application {application.Number} is already {application.Status}.");
        }

        application.Status = Status;
        application.ScheduledAt = ScheduledAt?.ToUniversalTime() ?? application.ScheduledAt;
        if (application.CsmId is null && Guid.TryParse(Csm, out var csm))
        {
            application.CsmId = csm;
        }

        application.UpdatedAt = context.Time.GetUtcNow();
        StatusSet = Status.ToString();
        // The history outlives the journal (Workflows:JournalRetention): the milestone is kept with the application.
        ApplicationEvent.Record(db, application, application.UpdatedAt, ApplicationEventCodes.Status, new Dictionary<string, string?>
        {
            ["status"] = StatusSet, ["scheduledAt"] = application.ScheduledAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, Csm);
        return ActivityResult.Done();
    }
}

/// <summary>Tells the customer side or the staff side (portal notification, e-mailed by the portal).</summary>
[Activity("NotifyApplication", DisplayNameJa = "申請の関係者へ通知", DisplayNameEn = "Notify about application", Category = "Applications",
    Description = "Adds portal notifications (and their e-mails) for the customer (applicant and representatives) or the staff (the application's CSM, else every CSM).")]
public sealed class NotifyApplication : Activity
{
    /// <summary><c>customer</c> or <c>staff</c>.</summary>
    [Input(Description = "To: customer or staff", Required = true, Editor = "enum", Options = ["customer", "staff"])]
    public string To { get; set; } = "";

    /// <summary>Stable kind, e.g. <c>schedule-proposed</c>.</summary>
    [Input(Description = "Kind", Required = true)]
    public string Kind { get; set; } = "";

    /// <summary>Title (Japanese).</summary>
    [Input(Description = "Title (Japanese)", Required = true)]
    public string TitleJa { get; set; } = "";

    /// <summary>Title (English).</summary>
    [Input(Description = "Title (English)", Required = true)]
    public string TitleEn { get; set; } = "";

    /// <summary>Body (Japanese).</summary>
    [Input(Description = "Body (Japanese)", Editor = "multiline")]
    public string? BodyJa { get; set; }

    /// <summary>Body (English).</summary>
    [Input(Description = "Body (English)", Editor = "multiline")]
    public string? BodyEn { get; set; }

    /// <summary>How many people were notified.</summary>
    [Output(Description = "Recipients")]
    public int Recipients { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (db, application) = await StepApplication.LoadAsync(context);
        var writer = new NotificationWriter(db, context.Time);
        // A body's template writes a form's dates as ISO text (2026-12-07T14:00:00.0000000+09:00): each language's reader sees its own format.
        var text = new NotificationText(Kind, $"[{application.Number}] {TitleJa}", $"[{application.Number}] {TitleEn}",
            Tokyo.LocalizeIsoDates(BodyJa ?? "", japanese: true), Tokyo.LocalizeIsoDates(BodyEn ?? "", japanese: false));
        Recipients = To switch
        {
            "customer" => await writer.ToCustomerAsync(application, text, cancellationToken: context.CancellationToken),
            "staff" => await writer.ToStaffAsync(application, text, cancellationToken: context.CancellationToken),
            _ => throw new InvalidOperationException($"Notify 'to' must be customer or staff, not '{To}'."),
        };
        return ActivityResult.Done();
    }
}

/// <summary>TKT-3: the service was delivered: the reserved tickets are spent and the application is completed.</summary>
[Activity("CompleteApplication", DisplayNameJa = "チケット消費と申請完了", DisplayNameEn = "Spend tickets and complete", Category = "Applications",
    Description = "Confirms the application's ticket reservation as spent and marks the application completed, in one transaction with the step.")]
public sealed class CompleteApplication : Activity
{
    /// <summary>The tickets spent.</summary>
    [Output(Description = "Tickets spent")]
    public int Spent { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (db, application) = await StepApplication.LoadAsync(context);
        var reservation = await new TicketLedger(db, context.Time).ConfirmAsync(application.ReservationId, context.CancellationToken);
        Spent = reservation.Cost;
        var now = context.Time.GetUtcNow();
        application.Status = ApplicationStatus.Completed;
        application.ClosedAt = now;
        application.UpdatedAt = now;
        ApplicationEvent.Record(db, application, now, ApplicationEventCodes.Completed,
            new Dictionary<string, string?> { ["spent"] = Spent.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "system");
        // CSAT: the representatives' survey commits with the completion (once; a replay adds nothing).
        await Core.Csat.SurveyIssuer.IssueAsync(db, application, now, context.CancellationToken);
        return ActivityResult.Done();
    }
}
