using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Config;
using CloudpackPlus.Integrations.Aws.SecurityHub;
using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>
/// At the customer's request, turns off what the diagnosis recorded turning on — Security Hub if it was off before,
/// the Config recorder if the diagnosis started it — and nothing else. Runs before the customer deletes the role.
/// </summary>
[Activity("UndoDiagnosisChanges", DisplayNameJa = "有効化した設定の無効化", DisplayNameEn = "Undo the diagnosis's changes", Category = "AWS account diagnosis",
    Kind = ActivityKind.Background, MaxAttempts = 3, Outcomes = ["Done", AccessDeniedOutcome],
    Description = "Disables Security Hub and stops the Config recorder only where the diagnosis turned them on (ACCT-D).")]
public sealed class UndoDiagnosisChanges : DiagnosisActivityBase
{
    /// <summary>Whether Security Hub was disabled.</summary>
    [Output(Description = "Security Hub disabled")]
    public bool DisabledSecurityHub { get; set; }

    /// <summary>Standards the diagnosis had added to the customer's own hub, turned off again.</summary>
    [Output(Description = "Standards disabled")]
    public int DisabledStandards { get; set; }

    /// <summary>Whether the Config recorder was stopped.</summary>
    [Output(Description = "Config recorder stopped")]
    public bool StoppedConfigRecorder { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        var store = Store(context);
        var run = await store.FindAsync(context.InstanceId, ct);
        if (run is null)
        {
            return ActivityResult.Done(); // nothing was recorded, so nothing is undone
        }

        var calls = DiagnosisCallLog.From(run.Calls);
        var region = DiagnosisAccess.Region(context.Services);
        try
        {
            var connection = await DiagnosisAccess.ConnectAsync(context.Services, CompanyId, AccountId, fresh: false, ct);
            if (run.Changes.EnabledSecurityHub)
            {
                await context.Effects.RunOnceAsync("securityhub-disable", async c =>
                {
                    calls.Count("securityhub:DisableSecurityHub");
                    await connection.SecurityHub(region).DisableSecurityHubAsync(c);
                    return true;
                });
                DisabledSecurityHub = true;
            }
            else if (run.Changes.EnabledStandards.Count > 0)
            {
                // The customer's own hub: only the standards the diagnosis subscribed to are turned off again.
                DisabledStandards = await context.Effects.RunOnceAsync("securityhub-standards-disable", async c =>
                {
                    var hub = connection.SecurityHub(region);
                    calls.Count("securityhub:GetEnabledStandards");
                    var subscriptions = (await hub.GetEnabledStandardsAsync(new GetEnabledStandardsRequest(), c)).StandardsSubscriptions
                        .Where(s => run.Changes.EnabledStandards.Contains(s.StandardsArn, StringComparer.Ordinal))
                        .Select(s => s.StandardsSubscriptionArn).ToList();
                    if (subscriptions.Count > 0)
                    {
                        calls.Count("securityhub:BatchDisableStandards");
                        await hub.BatchDisableStandardsAsync(new BatchDisableStandardsRequest { StandardsSubscriptionArns = subscriptions }, c);
                    }

                    return subscriptions.Count;
                });
            }

            if (run.Changes is { StartedConfigRecorder: true, CreatedConfigRecorder: { } recorder })
            {
                await context.Effects.RunOnceAsync("config-stop", async c =>
                {
                    calls.Count("config:StopConfigurationRecorder");
                    await connection.Config(region).StopConfigurationRecorderAsync(new StopConfigurationRecorderRequest { ConfigurationRecorderName = recorder }, c);
                    return true;
                });
                StoppedConfigRecorder = true;
            }
        }
        catch (AwsAccessDeniedException denied)
        {
            await store.SaveChangesAsync(context.InstanceId, run.Changes, calls);
            return await DeniedAsync(context, denied);
        }

        await store.SaveChangesAsync(context.InstanceId, run.Changes, calls, context.Time.GetUtcNow());
        return ActivityResult.Done();
    }
}
