using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>
/// Gives the customer's role task what it shows: the portal link that opens the CloudFormation console's quick-create
/// page for the diagnosis role with the company's external id filled in, the role's ARN, and where the filled-in
/// template is downloaded. The external id itself never enters the workflow's data.
/// </summary>
[Activity("PrepareDiagnosisRole", DisplayNameJa = "診断ロール作成の準備", DisplayNameEn = "Prepare the diagnosis role", Category = "AWS account diagnosis",
    Description = "Builds the quick-create link (external id filled in) and the template download for the customer's role task (ACCT-D).")]
public sealed class PrepareDiagnosisRole : Activity
{
    /// <summary>The linked AWS account.</summary>
    [Input(Description = "AWS account id", Required = true)]
    public string AccountId { get; set; } = "";

    /// <summary>The company that applied.</summary>
    [Input(Description = "Company id", Required = true)]
    public Guid CompanyId { get; set; }

    /// <summary>The portal path that redirects to the console link that opens the stack with every parameter filled in.</summary>
    [Output(Description = "CloudFormation quick-create link (portal path)")]
    public string QuickCreateUrl { get; set; } = "";

    /// <summary>The role the diagnosis will assume.</summary>
    [Output(Description = "Role ARN")]
    public string RoleArn { get; set; } = "";

    /// <summary>The portal path of the filled-in template (YAML; <c>?format=json</c> for JSON).</summary>
    [Output(Description = "Template download path")]
    public string TemplatePath { get; set; } = "";

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Services.GetRequiredService<IOptions<AwsOptions>>().Value;
        await using (var scope = context.Services.CreateAsyncScope())
        {
            // Creates the company's external id if it has none yet; the id itself is never put in an output.
            await scope.ServiceProvider.GetRequiredService<RoleTrustService>().GetSetupAsync(CompanyId, context.CancellationToken);
        }

        RoleArn = AwsArn.Role(AccountId, options.DiagnosisRoleName);
        TemplatePath = $"/Applications/{context.CorrelationId}/DiagnosisRole";
        QuickCreateUrl = QuickCreatePath(TemplatePath);
        return ActivityResult.Done();
    }

    /// <summary>
    /// The portal path that redirects to the quick-create link (the page builds it when opened): outputs are stored in
    /// the workflow's state and the task's form, and the external id grants access, so it stays encrypted in its store
    /// (issue #17) and only the company's own signed-in users ever see it.
    /// </summary>
    public static string QuickCreatePath(string templatePath) => templatePath + "?handler=QuickCreate";

    /// <summary>https://console.aws.amazon.com/cloudformation/home?region=…#/stacks/quickcreate?templateURL=…&amp;stackName=…&amp;param_…</summary>
    public static string QuickCreate(AwsOptions options, string externalId) => QuickCreate(options, externalId, AwsRolePurpose.Diagnosis);

    /// <summary>The quick-create link for the role of <paramref name="purpose"/> (the read-only role: COST-C/SEC-C).</summary>
    public static string QuickCreate(AwsOptions options, string externalId, AwsRolePurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(options);
        static string E(string value) => Uri.EscapeDataString(value);
        var (template, role) = purpose == AwsRolePurpose.Diagnosis
            ? (options.DiagnosisTemplateUrl, options.DiagnosisRoleName) : (options.ReadOnlyTemplateUrl, options.ReadOnlyRoleName);
        return $"https://console.aws.amazon.com/cloudformation/home?region={E(options.DefaultRegion)}#/stacks/quickcreate"
            + $"?templateURL={E(template)}&stackName={E(role)}"
            + $"&param_ExternalId={E(externalId)}&param_ProviderPrincipalArn={E(options.ProviderPrincipalArn)}&param_RoleName={E(role)}";
    }
}
