using System.Text.RegularExpressions;

namespace CloudpackPlus.Integrations.Aws;

/// <summary>Small helpers for account ids and IAM ARNs.</summary>
public static partial class AwsArn
{
    /// <summary>A 12-digit AWS account id (ELIG-3).</summary>
    public static bool IsAccountId(string? value) => value is not null && AccountIdPattern().IsMatch(value);

    public static bool IsIamPrincipal(string? value) => value is not null && IamPrincipalPattern().IsMatch(value);

    public static string Role(string accountId, string roleName) => $"arn:aws:iam::{accountId}:role/{roleName}";

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:(root|role/[\w+=,.@/-]{1,512}|user/[\w+=,.@/-]{1,512})$")]
    private static partial Regex IamPrincipalPattern();
}
