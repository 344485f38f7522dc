using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Tickets;

/// <summary>Yearly grants and lapses; callers hold the account lock (<see cref="CoreTransactions.LockTicketAccountAsync"/>).</summary>
internal static class TicketGrants
{
    /// <summary>TKT-1: the yearly grant of the rank, written at most once per account.</summary>
    public static int GrantAnnual(this CoreDbContext db, TicketAccount account, int tickets, string reason, Guid? by, DateTimeOffset now)
    {
        if (account.AnnualGrantAt is not null)
        {
            return 0;
        }

        account.AnnualGrantAt = now;
        if (tickets > 0)
        {
            db.TicketLedger.Add(new TicketLedgerEntry
            {
                CompanyId = account.CompanyId, FiscalYear = account.FiscalYear, Kind = TicketEntryKind.Grant,
                Amount = tickets, Reason = reason, ActorId = by, At = now,
            });
        }

        return tickets;
    }

    /// <summary>A top-up after a mid-year rank raise: the difference to the new rank's yearly tickets, never a claw-back.</summary>
    public static async Task<int> TopUpAsync(this CoreDbContext db, TicketAccount account, int yearlyTickets, string reason, Guid by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (account.AnnualGrantAt is null || account.LapsedAt is not null)
        {
            return 0;
        }

        var granted = await db.TicketLedger.IgnoreQueryFilters()
            .Where(e => e.CompanyId == account.CompanyId && e.FiscalYear == account.FiscalYear && e.Kind == TicketEntryKind.Grant)
            .SumAsync(e => e.Amount, cancellationToken);
        var topUp = yearlyTickets - granted;
        if (topUp <= 0)
        {
            return 0;
        }

        db.TicketLedger.Add(new TicketLedgerEntry
        {
            CompanyId = account.CompanyId, FiscalYear = account.FiscalYear, Kind = TicketEntryKind.Grant,
            Amount = topUp, Reason = reason, ActorId = by, At = now,
        });
        return topUp;
    }

    /// <summary>TKT-2: whatever is left at the end of the fiscal year lapses; at most once per account.</summary>
    public static async Task<int> LapseAsync(this CoreDbContext db, TicketAccount account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (account.LapsedAt is not null)
        {
            return 0;
        }

        account.LapsedAt = now;
        var balance = await db.SumBalanceAsync(account.CompanyId, account.FiscalYear, cancellationToken);
        if (balance > 0)
        {
            db.TicketLedger.Add(new TicketLedgerEntry
            {
                CompanyId = account.CompanyId, FiscalYear = account.FiscalYear, Kind = TicketEntryKind.Lapse,
                Amount = -balance, Reason = Localization.StoredMessage.Of(Localization.StoredMessage.YearLapse, $"FY{account.FiscalYear}"), At = now,
            });
        }

        return Math.Max(balance, 0);
    }
}
