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
/// A role the customer creates for an application (TOOL-1): its CloudFormation template (YAML) with the company's
/// external id filled in, and the quick-create link the role task points at. Only for the company's own application of
/// one of <see cref="Services"/>: the data layer's tenant filter answers 404 for another company's, and an application
/// of another service answers 404 too.
/// </summary>
public abstract class RoleTemplatePageModel(CoreDbContext db, RoleTrustService trust, IOptions<AwsOptions> aws) : PageModel
{
    /// <summary>The catalogue ids whose applications ask for this role.</summary>
    protected abstract IReadOnlyCollection<string> Services { get; }

    protected abstract AwsRolePurpose Purpose { get; }

    protected abstract RoleTemplate TemplateOf(RoleTrustSetup setup);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CompanyOfAsync(id, cancellationToken) is not { } companyId)
        {
            return NotFound();
        }

        var template = TemplateOf(await trust.GetSetupAsync(companyId, cancellationToken));
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Content-Type-Options"] = "nosniff";
        return File(Encoding.UTF8.GetBytes(template.CloudFormationYaml), "application/x-yaml", $"{template.RoleName}.yaml");
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
        return Redirect(PrepareDiagnosisRole.QuickCreate(aws.Value, setup.ExternalId, Purpose));
    }

    private async Task<Guid?> CompanyOfAsync(Guid id, CancellationToken cancellationToken)
    {
        var services = Services;
        return await db.Applications.AsNoTracking().Where(a => a.Id == id && services.Contains(a.ServiceId))
            .Select(a => (Guid?)a.CompanyId).SingleOrDefaultAsync(cancellationToken);
    }
}
