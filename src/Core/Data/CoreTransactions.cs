using CloudpackPlus.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Data;

/// <summary>
/// Domain operations join the caller's transaction when the context already has one (the
/// workflow runtime binds a context to its step's connection and transaction) and otherwise run
/// in their own.
/// </summary>
internal static class CoreTransactions
{
    public static async Task<T> InTransactionAsync<T>(this CoreDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch
        {
            // The work's unsaved entities must not leak into the caller's next SaveChanges.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>
    /// Locks the company's ticket account of the fiscal year (creating it first), so balance
    /// reads and writes of that company and year serialise until the transaction ends.
    /// </summary>
    public static async Task<TicketAccount> LockTicketAccountAsync(this CoreDbContext db, Guid companyId, int fiscalYear, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO core.ticket_accounts (company_id, fiscal_year, created_at) VALUES ({companyId}, {fiscalYear}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM core.ticket_accounts WHERE company_id = {companyId} AND fiscal_year = {fiscalYear} FOR UPDATE",
            cancellationToken);
        var tracked = db.TicketAccounts.Local.FirstOrDefault(a => a.CompanyId == companyId && a.FiscalYear == fiscalYear);
        if (tracked is not null)
        {
            // Loaded in an earlier transaction on this context: refresh it under the lock.
            await db.Entry(tracked).ReloadAsync(cancellationToken);
            return tracked;
        }

        return await db.TicketAccounts.IgnoreQueryFilters()
            .SingleAsync(a => a.CompanyId == companyId && a.FiscalYear == fiscalYear, cancellationToken);
    }

    public static Task<int> SumBalanceAsync(this CoreDbContext db, Guid companyId, int fiscalYear, CancellationToken cancellationToken) =>
        db.TicketLedger.IgnoreQueryFilters()
            .Where(e => e.CompanyId == companyId && e.FiscalYear == fiscalYear)
            .SumAsync(e => e.Amount, cancellationToken);
}
