using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>
/// What the ACCT-D background activities share: the account and company they work on, the run row, and the rule for
/// AccessDenied — a missing permission becomes the <c>AccessDenied</c> outcome (a customer task names it, then the
/// step is retried), while a role that can no longer be assumed (deleted mid-run) is an error the runtime retries and
/// then raises as an incident for staff.
/// </summary>
public abstract class DiagnosisActivityBase : Activity
{
    /// <summary>Outcome when the role lacks a permission.</summary>
    public const string AccessDeniedOutcome = "AccessDenied";

    /// <summary>The linked AWS account (the apply form's <c>account</c>).</summary>
    [Input(Description = "AWS account id", Required = true)]
    public string AccountId { get; set; } = "";

    /// <summary>The company that applied.</summary>
    [Input(Description = "Company id", Required = true)]
    public Guid CompanyId { get; set; }

    /// <summary>The IAM action that was refused (when the outcome is AccessDenied).</summary>
    [Output(Description = "Missing IAM permission")]
    public string? MissingPermission { get; set; }

    /// <summary>The refusal explained in Japanese, for the customer's task.</summary>
    [Output(Description = "Missing permission, explained (ja)")]
    public string? MissingPermissionMessageJa { get; set; }

    /// <summary>The refusal explained in English.</summary>
    [Output(Description = "Missing permission, explained (en)")]
    public string? MissingPermissionMessageEn { get; set; }

    private protected static Guid ApplicationIdOf(ActivityContext context) =>
        Guid.TryParse(context.CorrelationId, out var id) ? id
        : throw new InvalidOperationException("ACCT-D activities run only in a workflow started by an application.");

    private protected static DiagnosisStore Store(ActivityContext context) => new(context.Services.GetRequiredService<NpgsqlDataSource>());

    /// <summary>
    /// AccessDenied on <paramref name="denied"/>: if the role can still be assumed, the role lacks the permission
    /// (outcome for the customer task); if it cannot (deleted, trust changed), throw so staff see an incident.
    /// </summary>
    private protected async Task<ActivityResult> DeniedAsync(ActivityContext context, AwsAccessDeniedException denied)
    {
        // Throws RoleNotAssumable when the role is gone: the node's retry policy, then an incident with retry.
        await DiagnosisAccess.ConnectAsync(context.Services, CompanyId, AccountId, fresh: true, context.CancellationToken);
        MissingPermission = denied.MissingPermission;
        MissingPermissionMessageJa = denied.MessageJa;
        MissingPermissionMessageEn = denied.Message;
        return ActivityResult.Outcome(AccessDeniedOutcome);
    }
}
