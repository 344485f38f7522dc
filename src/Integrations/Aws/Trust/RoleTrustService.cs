using Microsoft.Extensions.Options;

namespace CloudpackPlus.Integrations.Aws.Trust;

/// <summary>The documents for one role, ready to show or download.</summary>
/// <param name="Purpose">Which role.</param>
/// <param name="RoleName">Name the role must have.</param>
/// <param name="TrustPolicyJson">Trust policy (who may assume it, with the external id).</param>
/// <param name="PermissionPolicyJson">What the role may do.</param>
/// <param name="CloudFormationJson">A stack creating the role, JSON.</param>
/// <param name="CloudFormationYaml">The same stack, YAML.</param>
public sealed record RoleTemplate(
    AwsRolePurpose Purpose, string RoleName, string TrustPolicyJson, string PermissionPolicyJson, string CloudFormationJson, string CloudFormationYaml);

/// <summary>What the portal shows a company's representative to set up the trust (TOOL-1, ACCT-D).</summary>
/// <param name="ExternalId">The company's secret external id.</param>
/// <param name="ProviderPrincipalArn">The principal the role trusts.</param>
/// <param name="ReadOnly">The read-only role.</param>
/// <param name="Diagnosis">The diagnosis role.</param>
public sealed record RoleTrustSetup(string ExternalId, string ProviderPrincipalArn, RoleTemplate ReadOnly, RoleTemplate Diagnosis);

/// <summary>Builds the role set-up for a company (creating its external id on first use).</summary>
public sealed class RoleTrustService(ExternalIdStore externalIds, IOptions<AwsOptions> options)
{
    public async Task<RoleTrustSetup> GetSetupAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var externalId = await externalIds.GetOrCreateAsync(companyId, cancellationToken);
        var settings = options.Value;
        return new RoleTrustSetup(externalId, settings.ProviderPrincipalArn,
            Template(AwsRolePurpose.ReadOnly, settings.ReadOnlyRoleName, settings.ProviderPrincipalArn, externalId),
            Template(AwsRolePurpose.Diagnosis, settings.DiagnosisRoleName, settings.ProviderPrincipalArn, externalId));
    }

    private static RoleTemplate Template(AwsRolePurpose purpose, string roleName, string principal, string externalId)
    {
        var stack = RoleTrustTemplates.CloudFormation(purpose, roleName, principal, externalId);
        return new RoleTemplate(purpose, roleName,
            RoleTrustTemplates.ToJson(RoleTrustTemplates.TrustPolicy(principal, externalId)),
            RoleTrustTemplates.ToJson(RoleTrustTemplates.PermissionPolicy(purpose)),
            RoleTrustTemplates.ToJson(stack),
            RoleTrustTemplates.ToYaml(stack));
    }
}
