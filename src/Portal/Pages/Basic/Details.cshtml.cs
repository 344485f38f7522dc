using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Basic;

/// <summary>BAS-3, BAS-4: one cycle of the company (another company's: 404): the proposal, the work report delivered in the portal (or its Backlog issue), the effect.</summary>
public sealed class DetailsModel(CoreDbContext db) : PageModel
{
    public BasicServiceProposal Cycle { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        // The tenant filter shows only the signed-in user's company.
        if (await db.BasicServiceProposals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } cycle)
        {
            return NotFound();
        }

        Cycle = cycle;
        return Page();
    }
}
