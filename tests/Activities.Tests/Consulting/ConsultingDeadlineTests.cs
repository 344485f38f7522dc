using CloudpackPlus.Activities.Tests.Support;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.Consulting;

/// <summary>Every human task of COST-C/SEC-C has boundary timers: a reminder one business day before due, an escalation to the CSM leads when overdue.</summary>
public sealed class ConsultingDeadlineTests(LiteServicesFixture fx) : IClassFixture<LiteServicesFixture>
{
    [Theory]
    [Trait("Spec", "COST-C")]
    [Trait("Spec", "SEC-C")]
    [InlineData("COST-C")]
    [InlineData("SEC-C")]
    public async Task TheScopingTask_RemindsTheCsmOneBusinessDayBeforeDue_AndEscalatesToTheLeadsWhenOverdue(string service)
    {
        var lead = await ConsultingFlow.CsmLeadAsync(fx);
        var company = await fx.NewCompanyAsync();
        var applied = await ConsultingFlow.ApplyAsync(fx, service, company);
        var task = await fx.UntilAsync(() => fx.OpenTaskAsync(applied.ApplicationId, "scoping"), ConsultingFlow.Patience);
        var application = await fx.ApplicationAsync(applied.ApplicationId);
        var timers = await TimersAsync(application.WorkflowInstanceId);
        Assert.Equal(2, timers.Count); // remind and escalate, beside the task
        var (remindAt, escalateAt) = (timers[0], timers[1]);
        Assert.Equal(task.DueAt, escalateAt);
        var calendar = fx.Services.GetRequiredService<CloudpackPlus.Workflows.Calendar.IWorkflowCalendar>();
        Assert.Equal(task.DueAt, calendar.AddBusinessDays(remindAt, 1)); // one business day before due, same time of day

        // Nothing before the reminder's time.
        fx.Clock.SetUtcNow(remindAt.AddMinutes(-1));
        Assert.Equal(0, await ConsultingFlow.RunDueTimersAsync(fx, applied.ApplicationId));
        Assert.Empty(await ConsultingFlow.NotificationsAsync(fx, applied.ApplicationId, "task-due-soon"));

        fx.Clock.SetUtcNow(remindAt.AddSeconds(1));
        Assert.Equal(1, await ConsultingFlow.RunDueTimersAsync(fx, applied.ApplicationId));
        var reminded = await ConsultingFlow.NotificationsAsync(fx, applied.ApplicationId, "task-due-soon");
        Assert.Contains(reminded, n => n.RecipientId == company.CsmId && n.Link == $"/Staff/Tasks/{task.Id}");
        Assert.DoesNotContain(reminded, n => n.RecipientId == company.RepresentativeId);
        // The due time in each reader's language, as the portal shows dates (JST, with the weekday).
        var reminder = reminded.First(n => n.RecipientId == company.CsmId);
        Assert.Contains($"期限: {CloudpackPlus.Core.Time.Tokyo.DateTimeText(task.DueAt!.Value, japanese: true)}", reminder.BodyJa, StringComparison.Ordinal);
        Assert.Matches(@"^Due: \d{4}-\d{2}-\d{2} \((Mon|Tue|Wed|Thu|Fri)\) \d{2}:\d{2} JST$", reminder.BodyEn);
        Assert.Matches(@"^期限: \d{4}年\d{1,2}月\d{1,2}日（[月火水木金]） \d{2}:\d{2}$", reminder.BodyJa);
        Assert.Empty(await ConsultingFlow.NotificationsAsync(fx, applied.ApplicationId, "task-overdue"));

        fx.Clock.SetUtcNow(escalateAt.AddSeconds(1));
        Assert.Equal(1, await ConsultingFlow.RunDueTimersAsync(fx, applied.ApplicationId));
        var escalated = await ConsultingFlow.NotificationsAsync(fx, applied.ApplicationId, "task-overdue");
        Assert.Contains(escalated, n => n.RecipientId == lead);
        Assert.DoesNotContain(escalated, n => n.RecipientId == company.CsmId);

        // The task is still open (non-interrupting timers) and can be done late.
        Assert.NotNull(await fx.OpenTaskAsync(applied.ApplicationId, "scoping"));
    }

    private async Task<List<DateTimeOffset>> TimersAsync(Guid instanceId)
    {
        await using var scope = fx.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instanceId && b.Kind == BookmarkKind.Timer && b.ResumedAt == null && b.CancelledAt == null)
            .OrderBy(b => b.DueAt).Select(b => b.DueAt!.Value).ToListAsync();
    }
}
