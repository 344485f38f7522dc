using System.Globalization;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Operations;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Instances;

/// <summary>
/// The operations console's instance list (issue #16) for CSMs and admins: filter by service (definition), company code,
/// status, version, open incident, who it waits on and age in days; newest first, paged. A filter value that does not
/// parse is refused with a message in the reader's language (400) and the unfiltered list is shown.
/// </summary>
public sealed class IndexModel(InstanceList list, CoreDbContext core, IStringLocalizer<SharedResource> text) : PageModel
{
    [FromQuery(Name = "service")] public string? Service { get; set; }

    [FromQuery(Name = "company")] public string? Company { get; set; }

    [FromQuery(Name = "status")] public string? Status { get; set; }

    [FromQuery(Name = "version")] public string? Version { get; set; }

    [FromQuery(Name = "incident")] public string? Incident { get; set; }

    [FromQuery(Name = "waiting")] public string? Waiting { get; set; }

    [FromQuery(Name = "age")] public string? Age { get; set; }

    [FromQuery(Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<InstanceLine> Rows { get; private set; } = new([], 0, 1, InstanceList.PageSize);

    public IReadOnlyList<string> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var filter = await ParseAsync(cancellationToken);
        if (filter is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            filter = new InstanceFilter();
        }

        Services = await list.DefinitionIdsAsync(cancellationToken);
        Rows = await list.ListAsync(filter, PageNumber, cancellationToken);
        return Page();
    }

    /// <summary>The filter, or null (with the model error) when a value is not one the list knows.</summary>
    private async Task<InstanceFilter?> ParseAsync(CancellationToken cancellationToken)
    {
        InstanceStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            if (!Enum.TryParse<InstanceStatus>(Status, ignoreCase: false, out var s) || !Enum.IsDefined(s))
            {
                return Refuse("Operations.BadFilter");
            }

            status = s;
        }

        int? version = null;
        if (!string.IsNullOrEmpty(Version))
        {
            if (!int.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            {
                return Refuse("Operations.BadFilter");
            }

            version = v;
        }

        int? age = null;
        if (!string.IsNullOrEmpty(Age))
        {
            if (!int.TryParse(Age, NumberStyles.None, CultureInfo.InvariantCulture, out var a) || a > 3650)
            {
                return Refuse("Operations.BadFilter");
            }

            age = a;
        }

        WaitingOn? waiting = Waiting switch
        {
            null or "" => null,
            "customer" => WaitingOn.Customer,
            "staff" => WaitingOn.Staff,
            _ => (WaitingOn)(-1),
        };
        if (waiting is (WaitingOn)(-1) || Incident is not (null or "" or "open"))
        {
            return Refuse("Operations.BadFilter");
        }

        Guid? company = null;
        if (!string.IsNullOrWhiteSpace(Company))
        {
            var code = Company.Trim();
            company = code.Length > 32 ? null
                : await core.Companies.AsNoTracking().Where(c => c.Code == code).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
            if (company is null)
            {
                return Refuse("Operations.UnknownCompany");
            }
        }

        var service = string.IsNullOrWhiteSpace(Service) ? null : Service.Trim();
        return new InstanceFilter(service, company, status, version, Incident == "open", waiting, age);
    }

    private InstanceFilter? Refuse(string key)
    {
        ModelState.AddModelError(string.Empty, text[key]);
        return null;
    }
}
