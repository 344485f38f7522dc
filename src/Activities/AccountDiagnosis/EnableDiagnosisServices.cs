using CloudpackPlus.Activities.AccountDiagnosis.Data;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Config;
using CloudpackPlus.Integrations.Aws.SecurityHub;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>
/// Turns on what the diagnosis needs, only where it is not already on: the AWS Config recorder (with its delivery
/// channel) and Security Hub with the chosen standards. Each change is an exactly-once effect of the activation and is
/// recorded in <c>acctd.runs.changes</c> as soon as AWS accepted it, so the customer can later have it undone — and
/// nothing the customer had before is ever touched.
/// </summary>
[Activity("EnableDiagnosisServices", DisplayNameJa = "Config と Security Hub の有効化", DisplayNameEn = "Enable Config and Security Hub",
    Category = "AWS account diagnosis", Kind = ActivityKind.Background, MaxAttempts = 3, Outcomes = ["Done", AccessDeniedOutcome],
    Description = "Enables the AWS Config recorder and Security Hub with the chosen standards where they are off, recording each change (ACCT-D).")]
public sealed class EnableDiagnosisServices : DiagnosisActivityBase
{
    /// <summary>The apply form's standards choice (<c>fsbp</c> or <c>fsbp-cis</c>).</summary>
    [Input(Description = "Standards (fsbp, fsbp-cis)")]
    public string? Standards { get; set; }

    /// <summary>Whether Security Hub was enabled by this diagnosis.</summary>
    [Output(Description = "Security Hub enabled by the diagnosis")]
    public bool EnabledSecurityHub { get; set; }

    /// <summary>How many standards this diagnosis subscribed to.</summary>
    [Output(Description = "Standards enabled by the diagnosis")]
    public int EnabledStandards { get; set; }

    /// <summary>Whether the Config recorder was started by this diagnosis.</summary>
    [Output(Description = "Config recorder started by the diagnosis")]
    public bool StartedConfigRecorder { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        var region = DiagnosisAccess.Region(context.Services);
        var standards = DiagnosisStandards.ForChoice(Standards);
        var store = Store(context);
        var run = await store.EnsureRunAsync(context.InstanceId, ApplicationIdOf(context), CompanyId, AccountId, region, standards, ct);
        var calls = DiagnosisCallLog.From(run.Calls);
        var changes = run.Changes;
        try
        {
            var connection = await DiagnosisAccess.ConnectAsync(context.Services, CompanyId, AccountId, fresh: false, ct);
            changes = await EnableConfigAsync(context, connection.Config(region), changes, calls, store);
            changes = await EnableSecurityHubAsync(context, connection.SecurityHub(region), region, standards, changes, calls, store);
        }
        catch (AwsAccessDeniedException denied)
        {
            await store.SaveChangesAsync(context.InstanceId, changes, calls);
            return await DeniedAsync(context, denied);
        }

        await store.SaveChangesAsync(context.InstanceId, changes, calls);
        EnabledSecurityHub = changes.EnabledSecurityHub;
        EnabledStandards = changes.EnabledStandards.Count;
        StartedConfigRecorder = changes.StartedConfigRecorder;
        return ActivityResult.Done();
    }

    private async Task<DiagnosisChanges> EnableConfigAsync(
        ActivityContext context, ConfigServiceClient config, DiagnosisChanges changes, DiagnosisCallLog calls, DiagnosisStore store)
    {
        var ct = context.CancellationToken;
        calls.Count("config:DescribeConfigurationRecorderStatus");
        if (await config.IsRecordingAsync(ct))
        {
            return changes; // the customer's own recorder: left as it is
        }

        calls.Count("config:DescribeConfigurationRecorders");
        var recorders = await config.DescribeConfigurationRecordersAsync(null, ct);
        var name = recorders.ConfigurationRecorders.FirstOrDefault()?.Name;
        if (name is null)
        {
            name = "default";
            var bucket = RoleTrustTemplates.ConfigBucketName(AccountId);
            await context.Effects.RunOnceAsync("config-recorder", async c =>
            {
                calls.Count("config:PutConfigurationRecorder");
                await config.PutConfigurationRecorderAsync(new PutConfigurationRecorderRequest
                {
                    ConfigurationRecorder = new ConfigurationRecorder
                    {
                        Name = name,
                        RoleArn = $"arn:aws:iam::{AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                        RecordingGroup = new RecordingGroup { AllSupported = true, IncludeGlobalResourceTypes = true },
                    },
                }, c);
                calls.Count("config:PutDeliveryChannel");
                await config.PutDeliveryChannelAsync(new PutDeliveryChannelRequest
                {
                    DeliveryChannel = new DeliveryChannel { Name = "default", S3BucketName = bucket },
                }, c);
                return true;
            });
            changes = changes with { CreatedConfigRecorder = name, CreatedDeliveryChannelBucket = bucket };
            await store.SaveChangesAsync(context.InstanceId, changes, calls);
        }

        await context.Effects.RunOnceAsync("config-start", async c =>
        {
            calls.Count("config:StartConfigurationRecorder");
            await config.StartConfigurationRecorderAsync(new StartConfigurationRecorderRequest { ConfigurationRecorderName = name }, c);
            return true;
        });
        changes = changes with { StartedConfigRecorder = true };
        await store.SaveChangesAsync(context.InstanceId, changes, calls);
        return changes;
    }

    private static async Task<DiagnosisChanges> EnableSecurityHubAsync(ActivityContext context, SecurityHubClient hub, string region,
        IReadOnlyList<string> standards, DiagnosisChanges changes, DiagnosisCallLog calls, DiagnosisStore store)
    {
        var ct = context.CancellationToken;
        calls.Count("securityhub:DescribeHub");
        if (!await hub.IsEnabledAsync(ct))
        {
            await context.Effects.RunOnceAsync("securityhub-enable", async c =>
            {
                calls.Count("securityhub:EnableSecurityHub");
                await hub.EnableSecurityHubAsync(new EnableSecurityHubRequest
                {
                    EnableDefaultStandards = false, ControlFindingGenerator = "SECURITY_CONTROL",
                }, c);
                return true;
            });
            changes = changes with { EnabledSecurityHub = true };
            await store.SaveChangesAsync(context.InstanceId, changes, calls);
        }

        calls.Count("securityhub:GetEnabledStandards");
        var enabled = (await hub.GetEnabledStandardsAsync(new GetEnabledStandardsRequest(), ct)).StandardsSubscriptions
            .Select(s => s.StandardsArn).ToHashSet(StringComparer.Ordinal);
        var missing = standards.Select(s => DiagnosisStandards.Arn(s, region)).Where(arn => !enabled.Contains(arn)).ToList();
        if (missing.Count > 0)
        {
            await context.Effects.RunOnceAsync("securityhub-standards", async c =>
            {
                calls.Count("securityhub:BatchEnableStandards");
                await hub.BatchEnableStandardsAsync(new BatchEnableStandardsRequest
                {
                    StandardsSubscriptionRequests = [.. missing.Select(arn => new StandardsSubscriptionRequest { StandardsArn = arn })],
                }, c);
                return true;
            });
            changes = changes with { EnabledStandards = [.. changes.EnabledStandards.Union(missing, StringComparer.Ordinal)] };
            await store.SaveChangesAsync(context.InstanceId, changes, calls);
        }

        return changes;
    }
}
