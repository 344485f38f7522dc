using CloudpackPlus.Core.Time;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.CostLite;

/// <summary>
/// COST-L's collection (background): Trusted Advisor cost checks, Compute Optimizer (EC2, EBS, Lambda,
/// Auto Scaling) and 12 full months of Cost Explorer spend by service, through the company's read-only role.
/// Keeps aggregates only (<see cref="CostLiteSummary"/>). A refused permission leaves by <c>AccessDenied</c>
/// with <see cref="AccountCollectionActivity.MissingPermission"/>, for a customer task and a retry.
/// </summary>
[Activity("CollectCostLite", DisplayNameJa = "コスト情報の収集(COST-L)", DisplayNameEn = "Collect cost data (COST-L)", Category = "AWS",
    Kind = ActivityKind.Background, MaxAttempts = 3, Outcomes = ["Done", "AccessDenied"],
    Description = "Reads Trusted Advisor cost checks, Compute Optimizer recommendations and 12 months of Cost Explorer spend; keeps aggregates.")]
public sealed class CollectCostLite : AccountCollectionActivity
{
    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var region = string.IsNullOrWhiteSpace(Region) ? "ap-northeast-1" : Region;
        var today = Tokyo.Today(context.Time);
        // 12 full months ending with last month (the current month is incomplete).
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        try
        {
            var connection = await context.Services.GetRequiredService<AwsAccountConnector>()
                .ConnectAsync(CompanyId, Account, AwsRolePurpose.ReadOnly, context.CancellationToken);
            var session = new AwsCollectionSession(context, 6);
            var summary = await new CostLiteCollector(connection, session, region).CollectAsync(lastMonth.AddMonths(-11), lastMonth, context.Time.GetUtcNow());
            Summary = summary.ToPlain();
            return ActivityResult.Done();
        }
        catch (AwsIntegrationException e) when (e.Kind is AwsErrorKind.AccessDenied or AwsErrorKind.RoleNotAssumable)
        {
            MissingPermission = e.MissingPermission ?? "sts:AssumeRole";
            Problem = e.MessageJa + "\n" + e.Message;
            return ActivityResult.Outcome("AccessDenied");
        }
    }
}
