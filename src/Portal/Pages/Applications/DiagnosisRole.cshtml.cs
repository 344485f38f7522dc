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
/// ACCT-D: the CloudFormation template (YAML) of the diagnosis role for the company's own ACCT-D application, with the
/// company's external id filled in; the role task links here. The application is company-owned, so the data
/// layer's tenant filter answers 404 for another company's; an application of another service answers 404 too.
/// </summary>
public sealed class DiagnosisRoleModel(CoreDbContext db, RoleTrustService trust, IOptions<AwsOptions> aws) : PageModel
{
    /// <summary>The catalogue id whose applications get the diagnosis role.</summary>
    public const string ServiceId = "ACCT-D";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CompanyOfAsync(id, cancellationToken) is not { } companyId)
        {
            return NotFound();
        }

        var setup = await trust.GetSetupAsync(companyId, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Content-Type-Options"] = "nosniff";
        return File(Encoding.UTF8.GetBytes(setup.Diagnosis.CloudFormationYaml), "application/x-yaml", $"{setup.Diagnosis.RoleName}.yaml");
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
        return Redirect(PrepareDiagnosisRole.QuickCreate(aws.Value, setup.ExternalId, AwsRolePurpose.Diagnosis));
    }

    private async Task<Guid?> CompanyOfAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Applications.AsNoTracking().Where(a => a.Id == id && a.ServiceId == ServiceId).Select(a => (Guid?)a.CompanyId).SingleOrDefaultAsync(cancellationToken);
}
