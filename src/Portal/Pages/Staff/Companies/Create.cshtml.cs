using CloudpackPlus.Core.Companies;
using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>Staff console: registers a company from the programme's application form (not yet enrolled).</summary>
public sealed class CreateModel(CompanyAdminService companies) : StaffPageModel
{
    [BindProperty]
    public CompanyFields Form { get; set; } = new();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(() => Task.FromResult(true)) is { } unbound)
        {
            return unbound;
        }

        Guid id = default;
        var result = await ChangeAsync(async () => id = (await companies.CreateAsync(Form.ToForm(), StaffId, cancellationToken)).Id,
            "Console.Company.Created", () => Task.FromResult(true));
        return result is RedirectToPageResult ? RedirectToPage("/Staff/Companies/Details", new { id }) : result;
    }
}
