using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Staff.Basic;

/// <summary>BAS-3, BAS-4: one cycle for staff: its five steps as tasks with their records, the proposal, the work report and where it went.</summary>
public sealed class DetailsModel(CoreDbContext db, ITaskService tasks) : PageModel
{
    public BasicServiceProposal Cycle { get; private set; } = null!;

    public string CompanyName { get; private set; } = "";

    public IReadOnlyList<WorkflowTask> Tasks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.BasicServiceProposals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } cycle)
        {
            return NotFound();
        }

        Cycle = cycle;
        CompanyName = await db.Companies.Where(c => c.Id == cycle.CompanyId).Select(c => c.Name).SingleAsync(cancellationToken);
        Tasks = cycle.WorkflowInstanceId is { } instance ? (await tasks.ListForInstanceAsync(instance, cancellationToken)).OrderBy(t => t.CreatedAt).ToList() : [];
        return Page();
    }
}
