using System.Collections.Concurrent;
using CloudpackPlus.Integrations.Aws.Trust;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>A role the simulated customer created: who may assume it (external id) and what it may do.</summary>
public sealed class SimulatedRole(string name, string externalId, IEnumerable<string> permissions)
{
    public string Name { get; } = name;

    public string ExternalId { get; set; } = externalId;

    public HashSet<string> Permissions { get; } = new(permissions, StringComparer.Ordinal);
}

/// <summary>The state of one simulated AWS account; mutable so tests and the demo can set the scene.</summary>
public sealed class SimulatedAccount
{
    /// <summary>Findings of an account nobody sized (the demo's auto-provisioned accounts): a mid-sized account.</summary>
    public const int DefaultFindingCount = 1_850;

    public SimulatedAccount(string accountId, int findingCount = DefaultFindingCount)
    {
        AccountId = accountId;
        FindingCount = findingCount;
    }

    public string AccountId { get; }

    public ConcurrentDictionary<string, SimulatedRole> Roles { get; } = new(StringComparer.Ordinal);

    /// <summary>The region the demo and most tests use (Security Hub state without a region means this one).</summary>
    public const string HomeRegion = "ap-northeast-1";

    /// <summary>Regions where Security Hub is enabled; any other region answers InvalidAccessException.</summary>
    public HashSet<string> SecurityHubRegions { get; } = new(StringComparer.Ordinal);

    /// <summary>Security Hub in <see cref="HomeRegion"/>.</summary>
    public bool SecurityHubEnabled
    {
        get => SecurityHubRegions.Contains(HomeRegion);
        set
        {
            if (value)
            {
                SecurityHubRegions.Add(HomeRegion);
            }
            else
            {
                SecurityHubRegions.Remove(HomeRegion);
            }
        }
    }

    /// <summary>Roles the customer deleted (their stack): never re-created by auto-provisioning, their sessions are refused.</summary>
    public HashSet<string> DeletedRoles { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset? SecurityHubSubscribedAt { get; set; }

    public List<string> EnabledStandards { get; } = [];

    /// <summary>Security Hub custom insights: ARN → group-by attribute.</summary>
    public ConcurrentDictionary<string, string> Insights { get; } = new(StringComparer.Ordinal);

    public string? ConfigRecorderName { get; set; }

    public bool ConfigRecording { get; set; }

    public string? DeliveryChannelBucket { get; set; }

    /// <summary>Business or higher unlocks the Trusted Advisor APIs.</summary>
    public bool BusinessSupport { get; set; } = true;

    public bool ComputeOptimizerOptedIn { get; set; } = true;

    /// <summary>How many Security Hub findings the account has once Security Hub is on.</summary>
    public int FindingCount { get; set; }

    public SimulatedAccount WithRole(string roleName, string externalId, AwsRolePurpose purpose)
    {
        Roles[roleName] = new SimulatedRole(roleName, externalId, AwsRolePermissions.For(purpose));
        return this;
    }

    /// <summary>The customer deletes the role's stack: the role is gone and stays gone.</summary>
    public SimulatedAccount DeleteRole(string roleName)
    {
        Roles.TryRemove(roleName, out _);
        lock (DeletedRoles)
        {
            DeletedRoles.Add(roleName);
        }

        return this;
    }

    /// <summary>
    /// Actions a role created by auto-provisioning lacks (the demo's account whose customer used an old template);
    /// the role of an account set up by a test is not affected.
    /// </summary>
    public HashSet<string> ProvisionWithout { get; } = new(StringComparer.Ordinal);

    public SimulatedAccount WithoutPermission(string roleName, string action)
    {
        Roles[roleName].Permissions.Remove(action);
        return this;
    }
}
