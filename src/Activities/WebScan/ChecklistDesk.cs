using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.WebScan;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.WebScan;

/// <summary>What a tick or an override did.</summary>
public enum ChecklistOutcome
{
    /// <summary>Recorded (and the workflow resumed).</summary>
    Done,

    /// <summary>The checklist is no longer waiting (every item ticked or overridden already): nothing changed.</summary>
    NotWaiting,
}

/// <summary>
/// WEB-6: the portal side of <see cref="Checklist"/>. Any user of the application's company ticks an item (who and when
/// are recorded by the workflow step the tick resumes); staff may go on without every item, with a reason. The
/// application is read through the caller's tenant (another company's application is not found).
/// </summary>
public sealed class ChecklistDesk(CoreDbContext db, IWorkflowRuntime runtime)
{
    /// <summary>The checklist items of an application, in order (empty when it has none).</summary>
    public async Task<IReadOnlyList<ChecklistItem>> ItemsAsync(Guid applicationId, CancellationToken cancellationToken = default) =>
        await db.ChecklistItems.AsNoTracking().Where(i => i.ApplicationId == applicationId)
            .OrderBy(i => i.Checklist).ThenBy(i => i.Position).ToListAsync(cancellationToken);

    /// <summary>A company user ticks an item.</summary>
    public async Task<ChecklistOutcome> TickAsync(Guid applicationId, Guid itemId, Guid personId, CancellationToken cancellationToken = default)
    {
        var item = await db.ChecklistItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId && i.ApplicationId == applicationId, cancellationToken)
            ?? throw new NotFoundException("checklist item", itemId);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person?.CompanyId != item.CompanyId)
        {
            throw new ProgrammeRuleException("checklist_customer_only", "チェックリストはお客様が記入します。", "The checklist is for the customer to tick.");
        }

        // Each tick resumes the one open wait, which the step opens again while items remain: a tick that loses the
        // race for that wait to another user's tick tries again on the new wait.
        for (var attempt = 1; ; attempt++)
        {
            if (item.TickedAt is not null || item.ClosedAt is not null)
            {
                return ChecklistOutcome.NotWaiting;
            }

            var result = await runtime.SignalByCorrelationAsync(null, applicationId.ToString(), Checklist.Signal,
                new Dictionary<string, object?> { ["tick"] = item.Key }, personId.ToString(), cancellationToken);
            if (result.Outcome == ResumeOutcome.Resumed)
            {
                return ChecklistOutcome.Done;
            }

            if (attempt == 10)
            {
                return ChecklistOutcome.NotWaiting;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
            item = await db.ChecklistItems.AsNoTracking().SingleAsync(i => i.Id == itemId, cancellationToken);
        }
    }

    /// <summary>Staff go on without every item ticked; the reason is recorded in the workflow (output and journal).</summary>
    public async Task<ChecklistOutcome> OverrideAsync(Guid applicationId, Guid staffId, string reason, CancellationToken cancellationToken = default)
    {
        var role = await db.People.IgnoreQueryFilters().Where(p => p.Id == staffId).Select(p => (PersonRole?)p.Role).SingleOrDefaultAsync(cancellationToken);
        if (role is null || !Person.IsStaffRole(role.Value))
        {
            throw new ProgrammeRuleException("staff_only", "この操作は当社スタッフのみ可能です。", "Only staff can do this.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            throw new ProgrammeRuleException("checklist_reason", "理由(1000文字以内)を入力してください。", "Give a reason (up to 1,000 characters).");
        }

        if (!await db.Applications.IgnoreQueryFilters().AnyAsync(a => a.Id == applicationId, cancellationToken))
        {
            throw new NotFoundException("application", applicationId);
        }

        var result = await runtime.SignalByCorrelationAsync(null, applicationId.ToString(), Checklist.Signal,
            new Dictionary<string, object?> { ["override"] = reason.Trim() }, staffId.ToString(), cancellationToken);
        return result.Outcome == ResumeOutcome.Resumed ? ChecklistOutcome.Done : ChecklistOutcome.NotWaiting;
    }
}
