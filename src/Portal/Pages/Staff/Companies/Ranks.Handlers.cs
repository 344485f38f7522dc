using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>The changes of the ranks and tickets page; each is audited in the same transaction and names the version it saw.</summary>
public sealed partial class RanksModel
{
    /// <summary>RANK-2 basis (admin): the company's transaction amount of a calendar year; version 0 for a year without one.</summary>
    public async Task<IActionResult> OnPostAmountAsync(Guid id, int calendarYear, long amountYen, uint version, CancellationToken cancellationToken)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        return await RefuseUnboundAsync(Reload(id, cancellationToken))
            ?? await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "ranks.amount-set", id, async () =>
            {
                var before = await amounts.SetAsync(id, calendarYear, amountYen, version, StaffId, cancellationToken);
                return $"{calendarYear}: {(before is { } b ? $"¥{b:N0}" : "-")} -> ¥{amountYen:N0}";
            }, cancellationToken), "Ranks.Amount.Saved", Reload(id, cancellationToken), new { id });
    }

    /// <summary>RANK-3 (admin): overrides the rank of the current or the next fiscal year with a reason; a raise tops the tickets up.</summary>
    public async Task<IActionResult> OnPostOverrideAsync(Guid id, int fiscalYear, Rank rank, string? reason, long currentVersion, long nextVersion, CancellationToken cancellationToken)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        if (await RefuseUnboundAsync(Reload(id, cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        var current = FiscalYear.Current(clock);
        if (fiscalYear != current.StartYear && fiscalYear != current.Next.StartYear)
        {
            return await RefuseAsync(Text("Ranks.Override.YearRefused"), StatusCodes.Status400BadRequest, Reload(id, cancellationToken));
        }

        return await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "ranks.override", id, async () =>
        {
            var before = await ranks.GetRankAsync(id, new FiscalYear(fiscalYear), cancellationToken);
            var assignment = await ranks.OverrideAsync(id, new FiscalYear(fiscalYear), rank, reason ?? "", StaffId, fiscalYear == current.StartYear ? currentVersion : nextVersion, cancellationToken);
            return $"FY{fiscalYear}: {before} -> {assignment.Rank}; {assignment.Reason}";
        }, cancellationToken), "Ranks.Override.Saved", Reload(id, cancellationToken), new { id });
    }

    /// <summary>TKT-4: grants (+) or deducts (−) tickets of the current fiscal year with a reason; never below zero.</summary>
    public async Task<IActionResult> OnPostAdjustAsync(Guid id, string? direction, int tickets, string? reason, long version, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(Reload(id, cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        if (direction is not ("grant" or "deduct") || tickets is <= 0 or > 1000)
        {
            return await RefuseAsync(Text("Ranks.Adjust.Invalid"), StatusCodes.Status400BadRequest, Reload(id, cancellationToken));
        }

        var amount = direction == "grant" ? tickets : -tickets;
        return await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "tickets.adjusted", id, async () =>
        {
            var entry = await ledger.AdjustAsync(id, FiscalYear.Current(clock), amount, reason ?? "", StaffId, version, cancellationToken);
            return $"{(entry.Amount > 0 ? "+" : "")}{entry.Amount}; {entry.Reason}";
        }, cancellationToken), "Ranks.Adjust.Saved", Reload(id, cancellationToken), new { id });
    }

    private string Text(string key) => text[key];
}
