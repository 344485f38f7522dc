namespace CloudpackPlus.Integrations.Accounts;

/// <summary>What Integrations needs to know about a company's linked AWS accounts (owned by Core).</summary>
/// <param name="CompanyId">The company.</param>
/// <param name="AccountId">12-digit AWS account id.</param>
/// <param name="UnderMaintenanceContract">BAS-4: changes are coordinated and reported in Backlog.</param>
/// <param name="BacklogProjectKey">The account's Backlog project, when under a maintenance contract.</param>
public sealed record LinkedAwsAccount(Guid CompanyId, string AccountId, bool UnderMaintenanceContract, string? BacklogProjectKey);

/// <summary>
/// Lookup of linked AWS accounts (ELIG-3, BAS-4): <see cref="CoreLinkedAccountDirectory"/> reads
/// Core's linked-account table in every AWS mode; tests put in their own.
/// </summary>
public interface ILinkedAccountDirectory
{
    /// <summary>The account when it is linked to the company, else null.</summary>
    Task<LinkedAwsAccount?> FindAsync(Guid companyId, string accountId, CancellationToken cancellationToken);
}
