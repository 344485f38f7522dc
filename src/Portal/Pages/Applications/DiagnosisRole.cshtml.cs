using System.Text;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>
/// ACCT-D: the CloudFormation template (YAML) of the diagnosis role for the company's own ACCT-D application, with the
/// company's external id filled in; the role task links here. The application is company-owned, so the data
/// layer's tenant filter answers 404 for another company's; an application of another service answers 404 too.
/// </summary>
public sealed class DiagnosisRoleModel(CoreDbContext db, RoleTrustService trust) : PageModel
{
    /// <summary>The catalogue id whose applications get the diagnosis role.</summary>
    public const string ServiceId = "ACCT-D";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking()
            .Where(a => a.Id == id && a.ServiceId == ServiceId).Select(a => new { a.CompanyId }).SingleOrDefaultAsync(cancellationToken);
        if (application is null)
        {
            return NotFound();
        }

        var setup = await trust.GetSetupAsync(application.CompanyId, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Content-Type-Options"] = "nosniff";
        return File(Encoding.UTF8.GetBytes(setup.Diagnosis.CloudFormationYaml), "application/x-yaml", $"{setup.Diagnosis.RoleName}.yaml");
    }
}
