using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Activities;

/// <summary>
/// What a service's collection from a customer's linked AWS account takes and gives (COST-L, SEC-L): the account and
/// its company in, the collected summary out, and — when AWS refuses an action (outcome <c>AccessDenied</c>) — the
/// permission to grant and the problem in words, for a customer task and a retry.
/// </summary>
public abstract class AccountCollectionActivity : Activity
{
    /// <summary>The linked AWS account (12 digits).</summary>
    [Input(Description = "AWS account id", Required = true)]
    public string Account { get; set; } = "";

    /// <summary>The company the account is linked to.</summary>
    [Input(Description = "Company id", Required = true)]
    public Guid CompanyId { get; set; }

    /// <summary>The region the service is read in.</summary>
    [Input(Description = "Region (default ap-northeast-1)")]
    public string? Region { get; set; }

    /// <summary>The collected summary, as a plain value (the definition keeps it with SetVariable).</summary>
    [Output(Description = "Collected summary")]
    public Dictionary<string, object?>? Summary { get; set; }

    /// <summary>The IAM action AWS refused (outcome AccessDenied).</summary>
    [Output(Description = "Missing permission")]
    public string? MissingPermission { get; set; }

    /// <summary>What went wrong, in Japanese and English (outcome AccessDenied).</summary>
    [Output(Description = "Problem")]
    public string? Problem { get; set; }
}
