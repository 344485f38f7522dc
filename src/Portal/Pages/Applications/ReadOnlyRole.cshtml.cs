using System.Text;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>
/// COST-C/SEC-C (TOOL-1): the CloudFormation template (YAML) of the read-only role with the company's external id filled
/// in, for the company's own consulting application; the role-trust task links here. Another company's application is
/// filtered out by the data layer (404); an application of another service answers 404 too.
/// </summary>
public sealed class ReadOnlyRoleModel(CoreDbContext db, RoleTrustService trust) : PageModel
{
    /// <summary>The catalogue ids whose applications ask for the read-only role.</summary>
    public static readonly string[] ServiceIds = ["COST-C", "SEC-C"];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking()
            .Where(a => a.Id == id && ServiceIds.Contains(a.ServiceId)).Select(a => new { a.CompanyId }).SingleOrDefaultAsync(cancellationToken);
        if (application is null)
        {
            return NotFound();
        }

        var setup = await trust.GetSetupAsync(application.CompanyId, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Content-Type-Options"] = "nosniff";
        return File(Encoding.UTF8.GetBytes(setup.ReadOnly.CloudFormationYaml), "application/x-yaml", $"{setup.ReadOnly.RoleName}.yaml");
    }
}
