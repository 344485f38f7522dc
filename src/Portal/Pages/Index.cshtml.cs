using System.Security.Claims;
using CloudpackPlus.Portal.Companies;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages;

/// <summary>Home: the company's rank, ticket balance with this FY's expiry and days left, and what waits on the customer.</summary>
public sealed class IndexModel(CompanyOverview overview, IEnumerable<ICustomerTodoSource> todoSources) : PageModel
{
    public string DisplayName => User.FindFirstValue(PortalClaims.DisplayName) ?? "";

    public bool IsStaff => HttpCurrentTenant.IsStaffUser(User);

    public CompanySnapshot? Snapshot { get; private set; }

    public List<CustomerTodo> Todos { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole(PortalRoles.Partner))
        {
            return Redirect("/Partner"); // WEB-L: a partner engineer has only its assigned applications
        }

        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return Page();
        }

        Snapshot = await overview.LoadAsync(companyId, null, cancellationToken);
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        foreach (var source in todoSources)
        {
            Todos.AddRange(await source.ListAsync(companyId, userId, cancellationToken));
        }

        Todos.Sort((a, b) => Nullable.Compare(a.DueOn, b.DueOn));
        return Page();
    }
}
