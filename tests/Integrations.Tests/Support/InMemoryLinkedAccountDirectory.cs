using System.Collections.Concurrent;
using CloudpackPlus.Integrations.Accounts;

namespace CloudpackPlus.Integrations.Tests.Support;

/// <summary>Linked accounts held in memory, so a test links exactly the accounts it needs without Core's tables.</summary>
public sealed class InMemoryLinkedAccountDirectory : ILinkedAccountDirectory
{
    private readonly ConcurrentDictionary<(Guid, string), LinkedAwsAccount> _accounts = new();

    public InMemoryLinkedAccountDirectory Link(LinkedAwsAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _accounts[(account.CompanyId, account.AccountId)] = account;
        return this;
    }

    public Task<LinkedAwsAccount?> FindAsync(Guid companyId, string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.GetValueOrDefault((companyId, accountId)));
}
