using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>
/// The company page's lists of users and AWS accounts, searched and 25 a page. The page reads all of one company's
/// rows in its single round trip (a company has a handful), so the search and the page are cut from them here.
/// </summary>
public sealed partial class DetailsModel
{
    /// <summary>Part of a user's name or e-mail address.</summary>
    [FromQuery(Name = "uq")]
    public string? UserSearch { get; set; }

    [FromQuery(Name = "up")]
    public int UserPage { get; set; } = 1;

    /// <summary>Part of an account's id, name or Backlog project.</summary>
    [FromQuery(Name = "aq")]
    public string? AccountSearch { get; set; }

    [FromQuery(Name = "ap")]
    public int AccountPage { get; set; } = 1;

    public Paged<PortalUser> UsersShown => Paging.Of(
        Matching(Users, UserSearch, u => [u.DisplayName, u.Email]), UserPage, Paging.ListPageSize);

    public Paged<AwsAccount> AccountsShown => Paging.Of(
        Matching(AccountHistory, AccountSearch, a => [a.AccountId, a.DisplayName, a.BacklogProjectKey]), AccountPage, Paging.ListPageSize);

    private static List<T> Matching<T>(IReadOnlyList<T> rows, string? search, Func<T, string?[]> fields) =>
        Paging.Term(search) is { } term
            ? rows.Where(r => fields(r).Any(f => f?.Contains(term, StringComparison.OrdinalIgnoreCase) == true)).ToList()
            : rows.ToList();
}
