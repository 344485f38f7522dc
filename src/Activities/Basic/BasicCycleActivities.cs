using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.Basic;

/// <summary>BAS-3, BAS-1: the proposal is delivered to the customer; from now on the cycle counts as one proposal of its FY.</summary>
[Activity("DeliverBasicProposal", DisplayNameJa = "提案の納品(提案回数に計上)", DisplayNameEn = "Deliver the proposal (counted)", Category = "Basic service",
    Description = "Marks the cycle's proposal delivered (it now counts against the FY's allowance) and tells the customer, in the step's transaction.")]
public sealed class DeliverBasicProposal : Activity
{
    /// <summary>The proposal text shown to the customer.</summary>
    [Input(Description = "Proposal", Required = true)]
    public string Proposal { get; set; } = "";

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var core = context.GetDbContext<CoreDbContext>();
        var cycle = await BasicCycleNotes.LoadAsync(core, context.CorrelationId, context.CancellationToken);
        var now = context.Time.GetUtcNow();
        await BasicServiceAllowanceService.MarkDeliveredAsync(core, cycle.Id, Proposal, now, context.CancellationToken);
        await BasicCycleNotes.ToCustomerAsync(core, cycle, now, "basic-proposal", $"「{cycle.Title}」のご提案をお届けしました", $"The proposal for \"{cycle.Title}\" is delivered",
            "ポータルでご提案の内容をご確認ください。", "Read the proposal in the portal.", context.CancellationToken);
        await core.SaveChangesAsync(context.CancellationToken);
        return ActivityResult.Done();
    }
}

/// <summary>BAS-3: the effect was measured; the cycle is complete.</summary>
[Activity("CompleteBasicCycle", DisplayNameJa = "効果測定の記録と完了", DisplayNameEn = "Record the effect and complete", Category = "Basic service",
    Description = "Records the measured effect and completes the cycle, telling the customer.")]
public sealed class CompleteBasicCycle : Activity
{
    /// <summary>The measured effect.</summary>
    [Input(Description = "Effect", Required = true)]
    public string Effect { get; set; } = "";

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var core = context.GetDbContext<CoreDbContext>();
        var cycle = await BasicCycleNotes.LoadAsync(core, context.CorrelationId, context.CancellationToken);
        var now = context.Time.GetUtcNow();
        cycle.Effect = Effect.Trim();
        cycle.Status = BasicCycleStatus.Completed;
        cycle.CompletedAt = now;
        await BasicCycleNotes.ToCustomerAsync(core, cycle, now, "basic-completed", $"「{cycle.Title}」の効果測定が完了しました", $"\"{cycle.Title}\": the effect was measured",
            Effect, Effect, context.CancellationToken);
        await core.SaveChangesAsync(context.CancellationToken);
        return ActivityResult.Done();
    }
}

/// <summary>A cycle's workflow cancelled before its proposal was delivered frees its proposal (BAS-1); a delivered one stays counted.</summary>
internal sealed class BasicCycleCancellationHandler : IInstanceCancellationHandler
{
    public async Task OnCancellingAsync(InstanceCancellation cancellation, IWorkflowStepScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        ArgumentNullException.ThrowIfNull(scope);
        if (cancellation.DefinitionId != BasicCycleDesk.DefinitionId)
        {
            return;
        }

        var core = scope.GetDbContext<CoreDbContext>();
        var cycle = await core.BasicServiceProposals.IgnoreQueryFilters().SingleOrDefaultAsync(p => p.WorkflowInstanceId == cancellation.InstanceId, cancellationToken);
        if (cycle is { Status: BasicCycleStatus.InProgress })
        {
            cycle.Status = BasicCycleStatus.Cancelled;
            await core.SaveChangesAsync(cancellationToken);
        }
    }
}
