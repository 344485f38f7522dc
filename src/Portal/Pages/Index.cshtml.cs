using System.Security.Claims;
using CloudpackPlus.Portal.Companies;
using CloudpackPlus.Portal.Csat;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages;

/// <summary>
/// Home: the company's rank, ticket balance with this FY's expiry and days left, what waits on the customer and the pending
/// surveys, with the header's unread count: one SQL round trip (issue #17, <see cref="PageBatch"/>).
/// </summary>
public sealed class IndexModel(PageBatch pages, CompanyOverview overview, IEnumerable<ICustomerTodoSource> todoSources) : PageModel
{
    public string DisplayName => User.FindFirstValue(PortalClaims.DisplayName) ?? "";

    public bool IsStaff => HttpCurrentTenant.IsStaffUser(User);

    public CompanySnapshot? Snapshot { get; private set; }

    public List<CustomerTodo> Todos { get; } = [];

    public IReadOnlyList<SurveyView> Surveys { get; private set; } = [];

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

        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var batch = pages.Start(User);
        var snapshot = overview.AddTo(batch, companyId, null, withDetails: false);
        var todos = todoSources.Select(source => source.AddTo(batch, companyId, userId)).ToList();
        var surveys = SurveyDesk.AddPendingTo(batch, companyId, SurveyCardViewComponent.HomeLimit);
        await pages.RunAsync(batch, cancellationToken);

        Snapshot = snapshot();
        Surveys = surveys.Rows;
        Todos.AddRange(todos.SelectMany(items => items()));
        Todos.Sort((a, b) => Nullable.Compare(a.DueOn, b.DueOn));
        return Page();
    }
}
