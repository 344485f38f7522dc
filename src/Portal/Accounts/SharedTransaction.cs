using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudpackPlus.Portal.Accounts;

/// <summary>
/// One PostgreSQL transaction over the Core and identity contexts (one connection): a person,
/// their account, the audit entry and the outbox mail commit together or not at all.
/// </summary>
internal static class SharedTransaction
{
    public static async Task<T> RunAsync<T>(CoreDbContext core, PortalIdentityDbContext identity, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await identity.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await identity.Database.BeginTransactionAsync(cancellationToken);
            core.Database.SetDbConnection(identity.Database.GetDbConnection());
            await core.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
            try
            {
                var result = await work();
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            finally
            {
                await core.Database.UseTransactionAsync(null, CancellationToken.None);
            }
        }
        finally
        {
            await identity.Database.CloseConnectionAsync();
        }
    }
}
