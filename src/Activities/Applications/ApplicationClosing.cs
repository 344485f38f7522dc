using System.Globalization;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.Applications;

/// <summary>
/// TKT-5, WEB-3: the domain side of cancelling an application, the same for every way in (the portal's
/// cancel, the raw workflow API, an incident cancel): the reservation is released, the application closed,
/// the milestone recorded and the other side notified — all in the cancel step's transaction.
/// </summary>
internal static class ApplicationClosing
{
    public static async Task CancelAsync(CoreDbContext core, TimeProvider clock, ServiceApplication row, bool byStaff, Guid? personId,
        string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        await new TicketLedger(core, clock).ReleaseAsync(row.ReservationId,
            byStaff ? TicketReleaseCause.CancelledByStaff : TicketReleaseCause.CancelledByCustomer,
            text ?? Core.Localization.StoredMessage.Of(byStaff ? Core.Localization.StoredMessage.CancelledByStaff : Core.Localization.StoredMessage.CancelledByCustomer), personId, cancellationToken);
        row.Status = ApplicationStatus.Cancelled;
        row.ClosedAt = now;
        row.ClosedBy = personId;
        row.CloseReason = text;
        row.UpdatedAt = now;
        ApplicationEvent.Record(core, row, now, ApplicationEventCodes.Cancelled, new Dictionary<string, string?>
        {
            ["reason"] = text, ["byStaff"] = byStaff ? "true" : "false",
        }, personId?.ToString() ?? "system");
        var writer = new NotificationWriter(core, clock);
        var note = new NotificationText("application-cancelled", $"[{row.Number}] 申請がキャンセルされました", $"[{row.Number}] The application was cancelled",
            text ?? "", text ?? "");
        _ = byStaff ? await writer.ToCustomerAsync(row, note, personId, cancellationToken) : await writer.ToStaffAsync(row, note, personId, cancellationToken);
    }
}

/// <summary>
/// Runs the application's cancellation compensation whenever an application's workflow instance is
/// cancelled by anyone (the raw <c>POST /api/workflows/instances/{id}/cancel</c>, an incident cancel):
/// staff cancelling, so tickets always come back. An application the caller already closed (the
/// portal's <see cref="ApplicationDesk.CancelAsync"/>) is left alone.
/// </summary>
internal sealed class ApplicationCancellationHandler(TimeProvider clock) : IInstanceCancellationHandler
{
    public async Task OnCancellingAsync(InstanceCancellation cancellation, IWorkflowStepScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        ArgumentNullException.ThrowIfNull(scope);
        if (!Guid.TryParse(cancellation.CorrelationId, CultureInfo.InvariantCulture, out var applicationId))
        {
            return;
        }

        var core = scope.GetDbContext<CoreDbContext>();
        var row = await core.Applications.IgnoreQueryFilters()
            .SingleOrDefaultAsync(a => a.Id == applicationId && a.WorkflowInstanceId == cancellation.InstanceId, cancellationToken);
        if (row is null || !row.IsOpen)
        {
            return;
        }

        Guid? person = Guid.TryParse(cancellation.Actor, CultureInfo.InvariantCulture, out var id) ? id : null;
        await ApplicationClosing.CancelAsync(core, clock, row, byStaff: true, person, cancellation.Reason ?? Core.Localization.StoredMessage.Of(Core.Localization.StoredMessage.WorkflowCancelled), scope.Now, cancellationToken);
    }
}
