using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>ACCT-D: the diagnosis role's template and quick-create link for the company's own ACCT-D application.</summary>
public sealed class DiagnosisRoleModel(CoreDbContext db, RoleTrustService trust, IOptions<AwsOptions> aws) : RoleTemplatePageModel(db, trust, aws)
{
    /// <summary>The catalogue id whose applications get the diagnosis role.</summary>
    public const string ServiceId = "ACCT-D";

    protected override IReadOnlyCollection<string> Services { get; } = [ServiceId];

    protected override AwsRolePurpose Purpose => AwsRolePurpose.Diagnosis;

    protected override RoleTemplate TemplateOf(RoleTrustSetup setup) => setup.Diagnosis;
}
