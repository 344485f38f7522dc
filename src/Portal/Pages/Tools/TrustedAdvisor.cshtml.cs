using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Tools;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Tools;
using Hangfire;
using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Pages.Tools;

/// <summary>
/// TOOL-1: a connected account's Trusted Advisor checks from the PostgreSQL cache with their fetch time; categories with
/// ok/warning/error counts; one check's flagged resources with search and paging; a rate-limited refresh that runs as a
/// Hangfire job and shows its progress. No support plan, or a refused permission, is said plainly.
/// </summary>
public sealed class TrustedAdvisorModel(ToolAccounts accounts, ToolSnapshots snapshots, IBackgroundJobClient jobs, TimeProvider clock)
    : ToolPageModel(accounts)
{
    public const int PageSize = 20;

    [FromQuery(Name = "check")]
    public string? CheckId { get; set; }

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AwsToolSnapshot? Snapshot { get; private set; }

    public TrustedAdvisorData? Data { get; private set; }

    public TrustedAdvisorCheckData? Check { get; private set; }

    public Paged<TrustedAdvisorResourceData>? Resources { get; private set; }

    public bool Refreshing => Snapshot?.RefreshStartedAt is { } started && clock.GetUtcNow() - started < ToolSnapshots.StaleRefresh;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(CustomerTool.TrustedAdvisor, true, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Decision.Allowed || Account is null)
        {
            return Page();
        }

        Snapshot = await snapshots.FindAsync(CompanyId, Account.AccountId, CustomerTool.TrustedAdvisor, cancellationToken);
        Data = ToolSnapshots.Read<TrustedAdvisorData>(Snapshot);
        Check = Data?.Checks.FirstOrDefault(c => c.Id == CheckId)
            ?? Data?.Checks.Where(c => c.Flagged > 0).OrderBy(c => c.Status == "error" ? 0 : 1).FirstOrDefault();
        if (Check is not null)
        {
            var term = Search?.Trim();
            var rows = string.IsNullOrEmpty(term)
                ? Check.Resources
                : Check.Resources.Where(r => r.ResourceId.Contains(term, StringComparison.OrdinalIgnoreCase)
                    || r.Values.Any(v => v?.Contains(term, StringComparison.OrdinalIgnoreCase) == true)).ToList();
            Resources = Paging.Of(rows, PageNumber, PageSize);
        }

        return Page();
    }

    public Task<IActionResult> OnPostRefreshAsync(CancellationToken cancellationToken) =>
        RefreshAsync(CustomerTool.TrustedAdvisor, snapshots, account =>
        {
            var (company, accountId, lang) = (CompanyId, account.AccountId, PortalCultures.IsJapanese ? "ja" : "en");
            jobs.Enqueue<TrustedAdvisorRefreshJob>(j => j.RunAsync(company, accountId, lang, CancellationToken.None));
            return Task.FromResult<string?>("Tools.Flash.RefreshStarted");
        }, cancellationToken);

    public static string StatusClass(string status) => status switch
    {
        "ok" => "badge ok",
        "warning" or "error" => "badge danger",
        _ => "badge muted",
    };
}
