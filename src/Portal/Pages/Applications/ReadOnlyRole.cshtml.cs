using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>COST-C/SEC-C (TOOL-1): the read-only role's template and quick-create link for the company's own consulting application.</summary>
public sealed class ReadOnlyRoleModel(CoreDbContext db, RoleTrustService trust, IOptions<AwsOptions> aws) : RoleTemplatePageModel(db, trust, aws)
{
    /// <summary>The catalogue ids whose applications ask for the read-only role.</summary>
    public static readonly string[] ServiceIds = ["COST-C", "SEC-C"];

    protected override IReadOnlyCollection<string> Services => ServiceIds;

    protected override AwsRolePurpose Purpose => AwsRolePurpose.ReadOnly;

    protected override RoleTemplate TemplateOf(RoleTrustSetup setup) => setup.ReadOnly;
}
