using CloudpackPlus.Activities.CostLite;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.SecurityLite;

/// <summary>
/// SEC-L's collection (background): the Well-Architected security pillar of the account's workload (created
/// once, or reused) and Trusted Advisor's security checks, through the company's read-only role. Keeps a
/// bounded summary (<see cref="SecurityLiteSummary"/>). A refused permission leaves by <c>AccessDenied</c>.
/// </summary>
[Activity("CollectSecurityLite", DisplayNameJa = "セキュリティ情報の収集(SEC-L)", DisplayNameEn = "Collect security data (SEC-L)", Category = "AWS",
    Kind = ActivityKind.Background, MaxAttempts = 3, Outcomes = ["Done", "AccessDenied"],
    Description = "Reads the Well-Architected security pillar (creating or reusing the account's workload) and Trusted Advisor security checks.")]
public sealed class CollectSecurityLite : AccountCollectionActivity
{
    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var region = string.IsNullOrWhiteSpace(Region) ? "ap-northeast-1" : Region;
        try
        {
            var connection = await context.Services.GetRequiredService<AwsAccountConnector>()
                .ConnectAsync(CompanyId, Account, AwsRolePurpose.ReadOnly, context.CancellationToken);
            var session = new AwsCollectionSession(context, 2);
            var summary = await new SecurityLiteCollector(connection, session, context, region).CollectAsync(context.Time.GetUtcNow());
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
