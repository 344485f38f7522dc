using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.SecurityHub;
using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>
/// "Test connection": assumes the diagnosis role afresh and calls each read action the diagnosis needs. Outcomes:
/// <c>Ready</c>; <c>NotAssumable</c> (no role yet, or its trust/external id is wrong); <c>Missing</c> with the exact IAM
/// actions AWS refused. Write actions (enabling Config and Security Hub) are named when they are refused, by
/// <see cref="EnableDiagnosisServices"/>'s AccessDenied outcome.
/// </summary>
[Activity("TestDiagnosisRole", DisplayNameJa = "診断ロールの接続テスト", DisplayNameEn = "Test the diagnosis role", Category = "AWS account diagnosis",
    Kind = ActivityKind.Background, MaxAttempts = 3, Outcomes = ["Ready", "Missing", "NotAssumable"],
    Description = "Assumes the diagnosis role and names every read permission it lacks (ACCT-D).")]
public sealed class TestDiagnosisRole : Activity
{
    /// <summary>The linked AWS account.</summary>
    [Input(Description = "AWS account id", Required = true)]
    public string AccountId { get; set; } = "";

    /// <summary>The company that applied.</summary>
    [Input(Description = "Company id", Required = true)]
    public Guid CompanyId { get; set; }

    /// <summary>The refused IAM actions, comma-separated (outcome Missing).</summary>
    [Output(Description = "Missing permissions")]
    public string? MissingPermissions { get; set; }

    /// <summary>What is wrong, in Japanese (for the customer's task).</summary>
    [Output(Description = "Problem (ja)")]
    public string? ProblemJa { get; set; }

    /// <summary>What is wrong, in English.</summary>
    [Output(Description = "Problem (en)")]
    public string? ProblemEn { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        AwsAccountConnection connection;
        try
        {
            connection = await DiagnosisAccess.ConnectAsync(context.Services, CompanyId, AccountId, fresh: true, ct);
        }
        catch (AwsIntegrationException notAssumable) when (notAssumable.Kind == AwsErrorKind.RoleNotAssumable)
        {
            ProblemJa = notAssumable.MessageJa;
            ProblemEn = notAssumable.Message;
            return ActivityResult.Outcome("NotAssumable");
        }

        var region = DiagnosisAccess.Region(context.Services);
        var hub = connection.SecurityHub(region);
        var config = connection.Config(region);
        var missing = new List<string>();
        await ProbeAsync(missing, () => hub.DescribeHubAsync(ct));
        await ProbeAsync(missing, () => hub.GetEnabledStandardsAsync(new GetEnabledStandardsRequest(), ct));
        await ProbeAsync(missing, () => hub.GetFindingsPageAsync(new GetFindingsRequest { MaxResults = 1 }, ct));
        await ProbeAsync(missing, () => config.DescribeConfigurationRecordersAsync(null, ct));
        await ProbeAsync(missing, () => config.DescribeConfigurationRecorderStatusAsync(null, ct));
        if (missing.Count == 0)
        {
            return ActivityResult.Outcome("Ready");
        }

        MissingPermissions = string.Join(", ", missing);
        ProblemJa = $"診断ロールに次の権限がありません: {MissingPermissions}。CloudFormation スタックを最新のテンプレートで更新するか、ロールのポリシーに追加してください。";
        ProblemEn = $"The diagnosis role lacks: {MissingPermissions}. Update the CloudFormation stack with the latest template, or add them to the role's policy.";
        return ActivityResult.Outcome("Missing");
    }

    private static async Task ProbeAsync(List<string> missing, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (AwsAccessDeniedException denied)
        {
            missing.Add(denied.MissingPermission!);
        }
        catch (SecurityHubNotEnabledException)
        {
            // Allowed but Security Hub is off: the diagnosis enables it.
        }
    }
}
