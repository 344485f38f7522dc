using System.Security.Cryptography;
using System.Text;
using CloudpackPlus.Integrations.Accounts;
using CloudpackPlus.Integrations.Aws.Credentials;
using CloudpackPlus.Integrations.Aws.Protocol;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Integrations.Aws;

/// <summary>
/// The one way into a customer's AWS account: checks the account is linked to the company
/// (ELIG-3), assumes the company's role with its external id (TOOL-1) and hands out clients.
/// </summary>
public sealed class AwsAccountConnector(
    IOptions<AwsOptions> options,
    ILinkedAccountDirectory accounts,
    ExternalIdStore externalIds,
    AwsCredentialCache cache,
    IAwsRoleAssumer assumer,
    AwsTransport transport,
    ILogger<AwsAccountConnector> logger)
{
    public Task<AwsAccountConnection> ConnectAsync(
        Guid companyId, string accountId, AwsRolePurpose purpose, CancellationToken cancellationToken = default) =>
        ConnectAsync(companyId, accountId, purpose, fresh: false, cancellationToken);

    /// <summary>
    /// As <see cref="ConnectAsync(Guid, string, AwsRolePurpose, CancellationToken)"/>; with <paramref name="fresh"/> the role is
    /// assumed again even when cached credentials look valid (after ExpiredToken, or to check the role still exists).
    /// </summary>
    public async Task<AwsAccountConnection> ConnectAsync(
        Guid companyId, string accountId, AwsRolePurpose purpose, bool fresh, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (settings.Mode == AwsMode.Unconfigured)
        {
            throw new AwsNotConfiguredException();
        }

        if (!AwsArn.IsAccountId(accountId) || await accounts.FindAsync(companyId, accountId, cancellationToken) is null)
        {
            throw new AwsAccountNotLinkedException(accountId);
        }

        var externalId = await externalIds.FindAsync(companyId, cancellationToken)
            ?? throw new AwsIntegrationException(AwsErrorKind.RoleNotAssumable,
                "The company has not been given its AWS role template yet: open the AWS connection page in the portal, create the role with the template shown there, then try again.",
                "AWS 連携用のロールがまだ設定されていません。ポータルの AWS 連携ページに表示されるテンプレートでロールを作成してから、再度お試しください。");

        var roleName = purpose == AwsRolePurpose.Diagnosis ? settings.DiagnosisRoleName : settings.ReadOnlyRoleName;
        var spec = new AssumeRoleSpec(AwsArn.Role(accountId, roleName), externalId, SessionName(companyId, purpose), settings.SessionDurationSeconds);
        var key = CacheKey(companyId, accountId, purpose, externalId);
        if (fresh)
        {
            cache.Invalidate(key);
        }

        var credentials = await cache.GetAsync(key, async ct =>
        {
            logger.LogInformation("Assuming {Role} in {Account} for company {Company}", roleName, accountId, companyId);
            return await assumer.AssumeRoleAsync(spec, ct);
        }, cancellationToken);
        return new AwsAccountConnection(companyId, accountId, purpose, roleName, credentials, settings, transport,
            settings.Mode == AwsMode.Simulated);
    }

    /// <summary>Shows up in the customer's CloudTrail: who (company) and why (purpose). [\w+=,.@-]{2,64}.</summary>
    public static string SessionName(Guid companyId, AwsRolePurpose purpose) =>
        $"cloudpackplus-{companyId:N}-{(purpose == AwsRolePurpose.Diagnosis ? "diagnosis" : "readonly")}";

    private static string CacheKey(Guid companyId, string accountId, AwsRolePurpose purpose, string externalId) =>
        $"{companyId:N}|{accountId}|{purpose}|{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(externalId)))[..16]}";
}
