using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Audit;
using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Pages.Staff.Quotes;

/// <summary>SCOPE-1: every company's quote requests (pending first by default); staff record the outcome with a note (audited).</summary>
public sealed class IndexModel(QuoteRequestService quotes, StaffAudit audit) : StaffPageModel
{
    /// <summary>Part of the description, timing or Backlog project (or the company).</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<QuoteRow> Rows { get; private set; } = new([], 0, 1, Paging.ListPageSize);

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CompanyId { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            ModelState.Clear();
            (All, CompanyId) = (false, null);
        }

        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostOutcomeAsync(Guid requestId, QuoteOutcome outcome, string? note, CancellationToken cancellationToken) =>
        await RefuseUnboundAsync(() => LoadAsync(cancellationToken))
        ?? await ChangeAsync(async () => await audit.RunAsync(PageActor.Of(User), "quote.outcome", await CompanyOfAsync(requestId, cancellationToken), async () =>
        {
            var before = await quotes.RecordOutcomeAsync(requestId, outcome, note, StaffId, cancellationToken);
            return $"quote {requestId}: {before} -> {outcome}";
        }, cancellationToken), "Quote_OutcomeRecorded", () => LoadAsync(cancellationToken), new { all = All, companyId = CompanyId, q = Search });

    private async Task<Guid?> CompanyOfAsync(Guid requestId, CancellationToken cancellationToken) =>
        await quotes.CompanyOfAsync(requestId, cancellationToken);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Rows = await quotes.RowsAsync(CompanyId, pendingOnly: !All && CompanyId is null, Search, PageNumber, cancellationToken: cancellationToken);
        return true;
    }
}
