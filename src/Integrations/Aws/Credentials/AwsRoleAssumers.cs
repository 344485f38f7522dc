using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using CloudpackPlus.Integrations.Aws.Simulation;

namespace CloudpackPlus.Integrations.Aws.Credentials;

/// <summary>Temporary credentials of an assumed role; kept in memory only, never stored.</summary>
public sealed record AwsSessionCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration)
{
    public AWSCredentials ToSdk() => new SessionAWSCredentials(AccessKeyId, SecretAccessKey, SessionToken);

    /// <summary>Never print the secret or token.</summary>
    public override string ToString() => $"AwsSessionCredentials({AccessKeyId}, expires {Expiration:O})";
}

/// <summary>One AssumeRole call.</summary>
/// <param name="RoleArn">The customer's role.</param>
/// <param name="ExternalId">The company's external id (TOOL-1).</param>
/// <param name="SessionName">Names company and purpose; appears in the customer's CloudTrail.</param>
/// <param name="DurationSeconds">Requested lifetime.</param>
public sealed record AssumeRoleSpec(string RoleArn, string ExternalId, string SessionName, int DurationSeconds)
{
    public override string ToString() => $"AssumeRole({RoleArn}, {SessionName})";
}

/// <summary>Obtains temporary credentials for a customer role.</summary>
public interface IAwsRoleAssumer
{
    Task<AwsSessionCredentials> AssumeRoleAsync(AssumeRoleSpec spec, CancellationToken cancellationToken);
}

/// <summary>AssumeRole through AWSSDK.SecurityToken, as the provider's own identity (its host's role).</summary>
public sealed class StsRoleAssumer(IAmazonSecurityTokenService sts) : IAwsRoleAssumer
{
    public async Task<AwsSessionCredentials> AssumeRoleAsync(AssumeRoleSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
            {
                RoleArn = spec.RoleArn,
                RoleSessionName = spec.SessionName,
                ExternalId = spec.ExternalId,
                DurationSeconds = spec.DurationSeconds,
            }, cancellationToken);
            var c = response.Credentials;
            return new AwsSessionCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken,
                new DateTimeOffset(DateTime.SpecifyKind(c.Expiration!.Value, DateTimeKind.Utc).ToUniversalTime()));
        }
        catch (AmazonSecurityTokenServiceException ex)
        {
            throw RoleErrors.From(spec, ex.ErrorCode, ex);
        }
    }
}

/// <summary>AssumeRole answered in-process by the simulated AWS (Aws:Mode=Simulated).</summary>
public sealed class SimulatedRoleAssumer(SimulatedAws aws) : IAwsRoleAssumer
{
    public Task<AwsSessionCredentials> AssumeRoleAsync(AssumeRoleSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            var s = aws.AssumeRole(SimulatedAws.ProviderAccessKeyId, spec.RoleArn, spec.SessionName, spec.ExternalId, spec.DurationSeconds);
            return Task.FromResult(new AwsSessionCredentials(s.AccessKeyId, s.Secret, s.Token, s.Expires));
        }
        catch (SimulatedAwsException ex)
        {
            throw RoleErrors.From(spec, ex.Code, ex);
        }
    }
}

internal static class RoleErrors
{
    public static AwsIntegrationException From(AssumeRoleSpec spec, string? code, Exception inner)
    {
        var accountId = spec.RoleArn.Split(':') is { Length: 6 } parts ? parts[4] : "?";
        var role = spec.RoleArn.Split('/')[^1];
        if (code is "AccessDenied" or "AccessDeniedException")
        {
            return new AwsIntegrationException(AwsErrorKind.RoleNotAssumable,
                $"The portal could not assume role {role} in account {accountId}: the role does not exist, its trust policy does not name the provider's principal, or it requires a different external id. Create or update the role with the CloudFormation template shown in the portal.",
                $"AWS アカウント {accountId} のロール {role} を引き受けられませんでした。ロールが存在しない、信頼ポリシーに当社のプリンシパルが含まれていない、または外部 ID が異なる可能性があります。ポータルに表示される CloudFormation テンプレートでロールを作成・更新してください。",
                inner)
            { ServiceId = "sts", Operation = "AssumeRole", AwsErrorCode = code };
        }

        var transient = code is "Throttling" or "ThrottlingException" or "ServiceUnavailable" or "InternalFailure";
        return new AwsIntegrationException(transient ? AwsErrorKind.Throttled : AwsErrorKind.Unknown,
            $"AWS STS AssumeRole for {role} in account {accountId} failed ({code}). Try again later.",
            $"AWS STS でロール {role}（アカウント {accountId}）の引き受けに失敗しました（{code}）。しばらくしてから再度お試しください。",
            inner)
        { ServiceId = "sts", Operation = "AssumeRole", AwsErrorCode = code };
    }
}
