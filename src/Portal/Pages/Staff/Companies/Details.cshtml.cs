using CloudpackPlus.Core.Companies;
using CompanyEntity = CloudpackPlus.Core.Companies.Company;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Basic;
using CloudpackPlus.Portal.Companies;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>
/// Staff console: one company — its application-form fields, who looks after it, contracts and the
/// eligibility check (ELIG-1/2), enrolment with the representative issued (ONB-1), suspension and
/// reinstatement (ELIG-4), linked AWS accounts (ELIG-3, BAS-4) and its users (USER-2).
/// </summary>
public sealed partial class DetailsModel(
    CoreDbContext core, AccountService accounts, CompanyAdminService companies,
    EnrolmentService enrolment, AwsAccountService awsAccounts, StaffCompanyQuery query, StaffAudit audit,
    IStringLocalizer<SharedResource> text) : StaffPageModel
{
    public CompanyEntity Company { get; private set; } = null!;

    public IReadOnlyList<PortalUser> Users { get; private set; } = [];

    public IReadOnlyList<Contract> Contracts { get; private set; } = [];

    public EligibilityResult Eligibility { get; private set; } = new([]);

    public IReadOnlyList<AwsAccount> AccountHistory { get; private set; } = [];

    public IReadOnlyList<Person> StaffMembers { get; private set; } = [];

    public RankDefinition? Rank { get; private set; }

    public int Balance { get; private set; }

    /// <summary>The basic-service section (the BasicCycles view component's view, from the same read).</summary>
    public BasicCyclesView Basic { get; private set; } = null!;

    /// <summary>The application form's fields, as shown in the edit form.</summary>
    public CompanyFields Form { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await Load(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostIssueAsync(Guid id, string? displayName, string? email, CancellationToken cancellationToken)
    {
        if (!await Load(id, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(displayName) || string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return await RefuseAsync(text["Validation.Required"], StatusCodes.Status400BadRequest, () => Task.FromResult(true));
        }

        var result = await accounts.IssueAsync(
            new NewAccount(id, email.Trim(), displayName.Trim(), PersonRole.Representative, PortalCultures.Current), PageActor.Of(User), cancellationToken);
        return await Done(result, "Staff.Issued", id);
    }

    public async Task<IActionResult> OnPostReissueAsync(Guid id, Guid userId, CancellationToken cancellationToken) =>
        await OwnsUser(id, userId, cancellationToken)
            ? await Done(await accounts.ReissueLoginAsync(userId, PageActor.Of(User), cancellationToken), "Staff.Reissued", id)
            : NotFound();

    public async Task<IActionResult> OnPostResetMfaAsync(Guid id, Guid userId, CancellationToken cancellationToken) =>
        await OwnsUser(id, userId, cancellationToken)
            ? await Done(await accounts.ResetMfaAsync(userId, PageActor.Of(User), cancellationToken), "Staff.MfaReset", id)
            : NotFound();

    /// <summary>The name of a staff member for the page (or the id when unknown).</summary>
    public string StaffName(Guid? id) =>
        id is null ? text["Console.Csm.SharedQueue"] : StaffMembers.FirstOrDefault(p => p.Id == id)?.DisplayName ?? id.ToString()!;

    private async Task<IActionResult> Done(AccountResult result, string flash, Guid id)
    {
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, text[$"Error.{error}"]);
            }

            return await RefuseAsync(text["Console.Refused"], StatusCodes.Status400BadRequest, () => Load(id, CancellationToken.None));
        }

        TempData["Flash"] = flash;
        return RedirectToPage(new { id });
    }

    private async Task<bool> OwnsUser(Guid companyId, Guid userId, CancellationToken cancellationToken) =>
        await Load(companyId, cancellationToken) && Users.Any(u => u.Id == userId);

    /// <summary>Reads every panel in one round trip (issue #14: at most 5 per request).</summary>
    private async Task<bool> Load(Guid id, CancellationToken cancellationToken)
    {
        core.ChangeTracker.Clear();
        if (await query.LoadAsync(id, cancellationToken) is not { } data)
        {
            return false;
        }

        Company = data.Company;
        Form = CompanyFields.From(data.Company);
        Users = data.Users;
        Contracts = data.Contracts;
        Eligibility = data.Eligibility;
        AccountHistory = data.AccountHistory;
        StaffMembers = data.StaffMembers;
        Rank = data.Rank;
        Balance = data.Balance;
        Basic = BasicCyclesViewComponent.For(id, data.BasicAllowance, data.BasicCycles, staffPage: true);
        return true;
    }

    private Func<Task<bool>> Reload(Guid id, CancellationToken cancellationToken) => () => Load(id, cancellationToken);
}
