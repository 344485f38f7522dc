using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Identity;

namespace CloudpackPlus.Portal.Accounts;

/// <summary>What to issue: a new sign-in account for a person of a company (or staff).</summary>
public sealed record NewAccount(Guid? CompanyId, string Email, string DisplayName, PersonRole Role, string Culture = "ja-JP");

/// <summary>The outcome of an account change: the user, or the errors to show.</summary>
public sealed record AccountResult(PortalUser? User, IReadOnlyList<string> Errors)
{
    public bool Succeeded => User is not null && Errors.Count == 0;

    public static AccountResult Fail(params string[] errors) => new(null, errors);
}

/// <summary>Who acts: a signed-in user, or the system.</summary>
public sealed record Actor(Guid? UserId, string Email)
{
    public static readonly Actor System = new(null, "system");
}

/// <summary>Error codes of account changes; pages show their localized text.</summary>
public static class ErrorCodes
{
    public const string EmailTaken = "EmailTaken";
    public const string NotFound = "NotFound";
    public const string CannotDeleteSelf = "CannotDeleteSelf";
    public const string CannotChangeOwnRole = "CannotChangeOwnRole";
    public const string Suspended = "Suspended";
    public const string TooLong = "TooLong";
}

/// <summary>Thrown inside a transaction to roll it back with errors to show.</summary>
public sealed class AccountException(string[] errors) : Exception(string.Join(", ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
