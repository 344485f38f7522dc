using CloudpackPlus.Activities.AccountDiagnosis;
using CloudpackPlus.Core.Tools;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Portal.Tools;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Pages.Tools;

/// <summary>
/// TOOL-1 set-up: per linked account the read-only role's connection state and last check; "test connection" (any
/// company user). The representative also sees the external id, the quick-create link, the template and its
/// permissions, rotates the external id and disconnects an account.
/// </summary>
public sealed class AccountsModel(
    ToolAccounts accounts, ToolConnectionService connections, RoleTrustService trust, IOptions<AwsOptions> aws) : ToolPageModel(accounts)
{
    public RoleTrustSetup? Setup { get; private set; }

    public string? QuickCreateUrl { get; private set; }

    public static IReadOnlyList<string> Permissions => AwsRolePermissions.ReadOnly;

    public bool IsSimulated => aws.Value.Mode == AwsMode.Simulated;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(null, false, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (IsRepresentative)
        {
            Setup = await trust.GetSetupAsync(CompanyId, cancellationToken);
            QuickCreateUrl = PrepareDiagnosisRole.QuickCreate(aws.Value, Setup.ExternalId, AwsRolePurpose.ReadOnly);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(null, false, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Account is null)
        {
            return NotFound();
        }

        var result = await connections.TestAsync(CompanyId, Account.AccountId, UserId, cancellationToken);
        await AuditAsync("tool.connection.test", $"{Account.AccountId}: {result.State}{(result.MissingPermissions is { } missing ? $" ({missing})" : "")}", cancellationToken);
        TempData["Flash"] = "Tools.Flash.Tested." + result.State;
        return RedirectToPage(new { account = (string?)null });
    }

    public async Task<IActionResult> OnPostDisconnectAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(null, false, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Account is null)
        {
            return NotFound();
        }

        if (!IsRepresentative)
        {
            return Refused();
        }

        await connections.DisconnectAsync(CompanyId, Account.AccountId, UserId, cancellationToken);
        await AuditAsync("tool.connection.disconnect", Account.AccountId, cancellationToken);
        TempData["Flash"] = "Tools.Flash.Disconnected";
        return RedirectToPage(new { account = (string?)null });
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(null, false, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!IsRepresentative)
        {
            return Refused();
        }

        await connections.RotateExternalIdAsync(CompanyId, cancellationToken);
        await AuditAsync("tool.external-id.rotate", null, cancellationToken);
        TempData["Flash"] = "Tools.Flash.Rotated";
        return RedirectToPage();
    }

    /// <summary>The read-only role's CloudFormation template with the company's external id (YAML, or JSON with ?format=json).</summary>
    public async Task<IActionResult> OnGetTemplateAsync(string? format, CancellationToken cancellationToken)
    {
        if (await LoadAsync(null, false, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!IsRepresentative)
        {
            return Refused();
        }

        var setup = await trust.GetSetupAsync(CompanyId, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return format == "json"
            ? File(System.Text.Encoding.UTF8.GetBytes(setup.ReadOnly.CloudFormationJson), "application/json", $"{setup.ReadOnly.RoleName}.json")
            : File(System.Text.Encoding.UTF8.GetBytes(setup.ReadOnly.CloudFormationYaml), "application/x-yaml", $"{setup.ReadOnly.RoleName}.yaml");
    }

    public static string StateKey(ToolAccount account) => "Tools.State." + account.State;

    public static string StateClass(AwsConnectionState state) => state switch
    {
        AwsConnectionState.Connected => "badge ok",
        AwsConnectionState.MissingPermissions => "badge danger",
        AwsConnectionState.NotAssumable or AwsConnectionState.Failed => "badge danger",
        _ => "badge muted",
    };
}
