using System.Net;

namespace CloudpackPlus.Integrations.Aws;

/// <summary>What went wrong, in terms a CSM or customer can act on.</summary>
public enum AwsErrorKind
{
    Unknown,
    NotConfigured,
    AccountNotLinked,
    RoleNotAssumable,
    AccessDenied,
    SecurityHubNotEnabled,
    SupportPlanRequired,
    OptInRequired,
    Throttled,
    ServiceUnavailable,
    InvalidRequest,
    NotFound,

    /// <summary>The assumed-role session expired (ExpiredTokenException): assume the role again.</summary>
    CredentialsExpired,
}

/// <summary>
/// An AWS call that failed. <see cref="Exception.Message"/> is English; <see cref="MessageJa"/> is
/// the same advice in Japanese for the portal. Neither contains credentials or the external id.
/// </summary>
public class AwsIntegrationException : Exception
{
    public AwsIntegrationException(AwsErrorKind kind, string message, string messageJa, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        MessageJa = messageJa;
    }

    public AwsErrorKind Kind { get; }

    public string MessageJa { get; }

    public string? ServiceId { get; internal set; }

    public string? Operation { get; internal set; }

    /// <summary>The error code AWS returned (e.g. <c>AccessDeniedException</c>), when it came from AWS.</summary>
    public string? AwsErrorCode { get; internal set; }

    public HttpStatusCode? StatusCode { get; internal set; }

    public string? RequestId { get; internal set; }

    /// <summary>The IAM action that was refused (e.g. <c>securityhub:GetFindings</c>), for <see cref="AwsErrorKind.AccessDenied"/>.</summary>
    public string? MissingPermission { get; internal set; }

    /// <summary>How long AWS asked the caller to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>Whether trying again later may succeed (throttling, 5xx).</summary>
    public bool IsTransient => Kind is AwsErrorKind.Throttled or AwsErrorKind.ServiceUnavailable;
}

/// <summary>Security Hub is not enabled in the account/region (ACCT-D enables it; other services ask the customer to).</summary>
public sealed class SecurityHubNotEnabledException(string accountId, string region, Exception? inner = null)
    : AwsIntegrationException(AwsErrorKind.SecurityHubNotEnabled,
        $"AWS Security Hub is not enabled in account {accountId}, region {region}. Enable it (console: Security Hub > Go to Security Hub > Enable), or run the AWS account diagnosis, which enables it.",
        $"AWS アカウント {accountId} のリージョン {region} で AWS Security Hub が有効になっていません。コンソールで Security Hub を有効にするか、AWS アカウント診断（有効化を含みます）をお申し込みください。",
        inner);

/// <summary>Trusted Advisor's full checks need a Business (or higher) support plan.</summary>
public sealed class SupportPlanRequiredException(string accountId, Exception? inner = null)
    : AwsIntegrationException(AwsErrorKind.SupportPlanRequired,
        $"Account {accountId} has no Business, Enterprise On-Ramp or Enterprise support plan, which the Trusted Advisor API requires (SubscriptionRequiredException). Upgrade the support plan, or use the Trusted Advisor console's core checks.",
        $"AWS アカウント {accountId} はビジネス以上のサポートプランに加入していないため、Trusted Advisor API を利用できません（SubscriptionRequiredException）。サポートプランを変更するか、コンソールの基本チェックをご利用ください。",
        inner);

/// <summary>The account has not opted in to Compute Optimizer.</summary>
public sealed class ComputeOptimizerOptInRequiredException(string accountId, Exception? inner = null)
    : AwsIntegrationException(AwsErrorKind.OptInRequired,
        $"Account {accountId} has not opted in to AWS Compute Optimizer (OptInRequiredException). Opt in from the Compute Optimizer console; recommendations appear after about 12 hours of metrics.",
        $"AWS アカウント {accountId} は AWS Compute Optimizer にオプトインしていません（OptInRequiredException）。Compute Optimizer コンソールからオプトインしてください。推奨事項は約 12 時間後から表示されます。",
        inner);

/// <summary>The assumed role lacks a permission; <see cref="AwsIntegrationException.MissingPermission"/> names it.</summary>
public sealed class AwsAccessDeniedException : AwsIntegrationException
{
    public AwsAccessDeniedException(string accountId, string permission, string roleName, Exception? inner = null)
        : base(AwsErrorKind.AccessDenied,
            $"The role {roleName} in account {accountId} is not allowed {permission}. Update the role from the portal's CloudFormation template, or add {permission} to its policy.",
            $"AWS アカウント {accountId} のロール {roleName} に {permission} の権限がありません。ポータルの CloudFormation テンプレートでロールを更新するか、ポリシーに {permission} を追加してください。",
            inner)
    {
        MissingPermission = permission;
    }
}

/// <summary>The portal has no AWS configuration (Aws:Mode is Unconfigured).</summary>
public sealed class AwsNotConfiguredException()
    : AwsIntegrationException(AwsErrorKind.NotConfigured,
        "AWS access is not configured on this server (set Aws:Mode to Live or Simulated).",
        "このサーバーでは AWS 連携が設定されていません（Aws:Mode を Live または Simulated に設定してください）。");

/// <summary>ELIG-3: only accounts linked to the company may be accessed.</summary>
public sealed class AwsAccountNotLinkedException(string accountId)
    : AwsIntegrationException(AwsErrorKind.AccountNotLinked,
        $"AWS account {accountId} is not linked to this company; only accounts the provider issued and linked to the company can be accessed.",
        $"AWS アカウント {accountId} はこの会社に紐付いていません。当社が発行し会社に紐付けたアカウントのみ利用できます。");
