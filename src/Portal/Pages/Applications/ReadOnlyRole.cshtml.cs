using System.Text;
using CloudpackPlus.Activities.AccountDiagnosis;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>
/// COST-C/SEC-C (TOOL-1): the CloudFormation template (YAML) of the read-only role with the company's external id filled
/// in, for the company's own consulting application; the role-trust task links here. Another company's application is
/// filtered out by the data layer (404); an application of another service answers 404 too.
/// </summary>
public sealed class ReadOnlyRoleModel(CoreDbContext db, RoleTrustService trust, IOptions<AwsOptions> aws) : PageModel
{
    /// <summary>The catalogue ids whose applications ask for the read-only role.</summary>
    public static readonly string[] ServiceIds = ["COST-C", "SEC-C"];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CompanyOfAsync(id, cancellationToken) is not { } companyId)
        {
            return NotFound();
        }

        var setup = await trust.GetSetupAsync(companyId, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Content-Type-Options"] = "nosniff";
        return File(Encoding.UTF8.GetBytes(setup.ReadOnly.CloudFormationYaml), "application/x-yaml", $"{setup.ReadOnly.RoleName}.yaml");
    }

    /// <summary>
    /// The role task's link: redirects to the CloudFormation console's quick-create page with the external id filled
    /// in, built now from the encrypted store, so the id never sits in the workflow's state or the task (issue #17).
    /// </summary>
    public async Task<IActionResult> OnGetQuickCreateAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CompanyOfAsync(id, cancellationToken) is not { } companyId)
        {
            return NotFound();
        }

        var setup = await trust.GetSetupAsync(companyId, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return Redirect(PrepareDiagnosisRole.QuickCreate(aws.Value, setup.ExternalId, AwsRolePurpose.ReadOnly));
    }

    private async Task<Guid?> CompanyOfAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Applications.AsNoTracking().Where(a => a.Id == id && ServiceIds.Contains(a.ServiceId)).Select(a => (Guid?)a.CompanyId).SingleOrDefaultAsync(cancellationToken);
}
