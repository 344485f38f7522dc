using CloudpackPlus.Core.Catalogue;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Catalogue;

/// <summary>Admin console, ADV-1: every catalogue entry, withdrawn ones included.</summary>
public sealed class IndexModel(CatalogueService catalogue) : PageModel
{
    public IReadOnlyList<CatalogueEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await catalogue.ListAsync(includeWithdrawn: true, cancellationToken);
}
