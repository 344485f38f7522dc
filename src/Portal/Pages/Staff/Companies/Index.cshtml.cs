using CloudpackPlus.Core.Companies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>Staff console: the companies, searchable, with rank, balance, open applications and last activity, a page at a time.</summary>
public sealed class IndexModel(CompanyList list) : PageModel
{
    /// <summary>Part of the code or name.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    /// <summary>Only the companies I own or back up.</summary>
    [FromQuery(Name = "mine")]
    public bool Mine { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public CompanyListPage Result { get; private set; } = new([], 0, 1, CompanyList.DefaultPageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A search longer than any code or name cannot match: cut it instead of refusing the page.
        var search = Search is { Length: > 200 } ? Search[..200] : Search;
        var me = Mine ? Identity.PortalClaims.PersonIdOf(User) : null;
        Result = await list.PageAsync(search, me, PageNumber, CompanyList.DefaultPageSize, cancellationToken);
    }
}
