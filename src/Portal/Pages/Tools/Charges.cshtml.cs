using System.Text.Json;
using CloudpackPlus.Core.Tools;
using CloudpackPlus.Portal.Tools;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Pages.Tools;

/// <summary>
/// TOOL-2: a connected account's approximate charges (Cost Explorer, this month to date and the 11 before) by service:
/// a stacked bar per month and the top services, with the numbers in tables beside them, in the currency AWS reports,
/// labelled 概算; cached (Cost Explorer charges per request) with the fetch time; CSV download.
/// </summary>
public sealed class ChargesModel(ToolAccounts accounts, ToolSnapshots snapshots, ChargesFetcher fetcher)
    : ToolPageModel(accounts)
{
    /// <summary>Services drawn separately in the monthly chart; the rest are summed as "other".</summary>
    public const int ChartedServices = 8;

    public AwsToolSnapshot? Snapshot { get; private set; }

    public ChargesData? Data { get; private set; }

    public string ChartJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(CustomerTool.Charges, true, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Decision.Allowed && Account is not null)
        {
            Snapshot = await snapshots.FindAsync(CompanyId, Account.AccountId, CustomerTool.Charges, cancellationToken);
            Data = ToolSnapshots.Read<ChargesData>(Snapshot);
            if (Data is not null)
            {
                ChartJson = Chart(Data, T("Tools.Charges.Other"));
            }
        }

        return Page();
    }

    public Task<IActionResult> OnPostRefreshAsync(CancellationToken cancellationToken) =>
        RefreshAsync(CustomerTool.Charges, snapshots, async account =>
        {
            var error = await fetcher.FetchAsync(CompanyId, account.AccountId, cancellationToken);
            return error is null ? "Tools.Flash.ChargesFetched" : null;
        }, cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(CustomerTool.Charges, true, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Decision.Allowed)
        {
            return Refused();
        }

        if (Account is null || ToolSnapshots.Read<ChargesData>(await snapshots.FindAsync(CompanyId, Account.AccountId, CustomerTool.Charges, cancellationToken)) is not { } data)
        {
            return NotFound();
        }

        await AuditAsync("tool.charges.csv", Account.AccountId, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return File(data.ToCsv(Account.AccountId), "text/csv; charset=utf-8", $"aws-charges-{Account.AccountId}.csv");
    }

    private static string Chart(ChargesData data, string other)
    {
        var top = data.TopServices;
        var charted = top.Take(ChartedServices).Select(t => t.Service).ToList();
        var months = data.Months;
        var series = charted.Select(s => new { label = s, values = months.Select(m => data.Amount(m, s)).ToList() }).ToList();
        if (top.Count > ChartedServices)
        {
            series.Add(new { label = other, values = months.Select(m => data.MonthTotal(m) - charted.Sum(s => data.Amount(m, s))).ToList() });
        }

        return JsonSerializer.Serialize(new
        {
            months = new { labels = months, series },
            top = new { labels = top.Take(10).Select(t => t.Service).ToList(), series = new[] { new { label = data.Currencies.Count > 0 ? data.Currencies[0] : "", values = top.Take(10).Select(t => t.Total).ToList() } } },
        });
    }

    private string T(string key) =>
        HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()[key];
}
