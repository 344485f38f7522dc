using CloudpackPlus.Activities.Tests.Support;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Tasks;
using static CloudpackPlus.Activities.Tests.Applications.TrainingApplicationFixture;

namespace CloudpackPlus.Activities.Tests.Lite;

/// <summary>The steps every COST-L/SEC-L test takes before the collection: the CSM books the 1 h meeting, its time comes.</summary>
internal static class LiteFlow
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(180); // a wait, not a limit: generous for a loaded CI machine

    /// <summary>Completes the meeting task (<c>kickoff</c> or <c>meeting</c>) and fires the wait for its time.</summary>
    public static async Task HoldMeetingAsync(LiteServicesFixture fx, EnrolledCompany company, Guid applicationId, string node)
    {
        var task = (await fx.OpenTaskAsync(applicationId, node))!;
        var startsAt = Slots.Next(fx.Clock, 14, 0);
        var scheduled = await fx.CompleteAsync(task.Id, Csm(company), new
        {
            startsAt = startsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), meetingUrl = "https://meet.example.jp/lite",
        });
        Assert.Equal(TaskCommandOutcome.Succeeded, scheduled.Outcome);
        Assert.Equal(ApplicationStatus.Scheduled, (await fx.ApplicationAsync(applicationId)).Status);
        fx.Clock.SetUtcNow(startsAt.AddSeconds(1));
        await fx.FireTimerAsync(applicationId);
    }

    /// <summary>Waits until the application is closed (Completed or Cancelled).</summary>
    public static Task<ServiceApplication> ClosedAsync(LiteServicesFixture fx, Guid applicationId) =>
        fx.UntilAsync(async () => await fx.ApplicationAsync(applicationId) is { IsOpen: false } a ? a : null, Patience);
}
