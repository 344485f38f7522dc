using CloudpackPlus.Activities.AccountDiagnosis;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Workflows.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Consulting;

/// <summary>
/// COST-C/SEC-C (TOOL-1): whether the provider can read the company's AWS: a linked account (the one applied for, or
/// any) whose read-only role can be assumed with the company's external id right now. <c>HasAccess</c> names the
/// account; <c>NoAccess</c> says why and gives the customer's role task what it shows: the CloudFormation console's
/// portal path that opens the quick-create link for the read-only role (external id filled in, never stored in the
/// workflow's data) and the portal path of the filled-in template.
/// </summary>
[Activity("CheckReadAccess", DisplayNameJa = "参照権限の確認", DisplayNameEn = "Check read access", Category = "Consulting",
    Kind = ActivityKind.Background, MaxAttempts = 3, Outcomes = ["HasAccess", "NoAccess"],
    Description = "Assumes the company's read-only role in its linked AWS account(s); when none works, prepares the role set-up for the customer.")]
public sealed class CheckReadAccess : Activity
{
    /// <summary>The company that applied.</summary>
    [Input(Description = "Company id", Required = true)]
    public Guid CompanyId { get; set; }

    /// <summary>The account named in the application, if any; otherwise every linked account is tried.</summary>
    [Input(Description = "AWS account id (optional)")]
    public string? Account { get; set; }

    /// <summary>The account whose read-only role works (HasAccess).</summary>
    [Output(Description = "AWS account id with access")]
    public string? AccountId { get; set; }

    /// <summary>The portal path that redirects to the CloudFormation quick-create link for the read-only role (NoAccess).</summary>
    [Output(Description = "CloudFormation quick-create link (portal path)")]
    public string QuickCreateUrl { get; set; } = "";

    /// <summary>The portal path of the filled-in template (YAML).</summary>
    [Output(Description = "Template download path")]
    public string TemplatePath { get; set; } = "";

    /// <summary>Why there is no access (Japanese).</summary>
    [Output(Description = "Problem (ja)")]
    public string? ProblemJa { get; set; }

    /// <summary>Why there is no access (English).</summary>
    [Output(Description = "Problem (en)")]
    public string? ProblemEn { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        await using var scope = context.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var accounts = await db.AwsAccounts.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.CompanyId == CompanyId && a.UnlinkedAt == null && (string.IsNullOrEmpty(Account) || a.AccountId == Account))
            .OrderBy(a => a.LinkedAt).Select(a => a.AccountId).ToListAsync(ct);
        var connector = scope.ServiceProvider.GetRequiredService<AwsAccountConnector>();
        foreach (var account in accounts)
        {
            try
            {
                await connector.ConnectAsync(CompanyId, account, AwsRolePurpose.ReadOnly, fresh: true, ct);
                AccountId = account;
                return ActivityResult.Outcome("HasAccess");
            }
            catch (AwsIntegrationException e) when (e.Kind == AwsErrorKind.RoleNotAssumable)
            {
                (ProblemJa, ProblemEn) = (e.MessageJa, e.Message);
            }
            catch (AwsNotConfiguredException)
            {
                (ProblemJa, ProblemEn) = ("AWS との連携が設定されていません。担当CSMにお問い合わせください。", "The AWS integration is not configured: please ask your CSM.");
            }
        }

        if (accounts.Count == 0)
        {
            (ProblemJa, ProblemEn) = ("連携済みのAWSアカウントがありません。担当CSMにアカウントの連携を依頼してください。",
                "No AWS account is linked to your company: ask your CSM to link one.");
        }

        // Creates the company's external id if it has none yet; the id itself is never put in an output (issue #17).
        await scope.ServiceProvider.GetRequiredService<RoleTrustService>().GetSetupAsync(CompanyId, ct);
        TemplatePath = $"/Applications/{context.CorrelationId}/ReadOnlyRole";
        QuickCreateUrl = PrepareDiagnosisRole.QuickCreatePath(TemplatePath);
        return ActivityResult.Outcome("NoAccess");
    }
}
