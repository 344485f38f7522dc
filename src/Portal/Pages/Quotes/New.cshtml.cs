using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Quotes;

/// <summary>
/// SCOPE-1: a company user asks for a quote for out-of-programme work (what, which account, when), from an inquiry
/// (<c>?inquiryId=</c>) or from a proposal (<c>?applicationId=</c>). Another company's inquiry or application answers 404.
/// </summary>
public sealed class NewModel(QuoteRequestService quotes, AwsAccountService accounts, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? InquiryId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ApplicationId { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public Guid? AwsAccountId { get; set; }

    [BindProperty]
    public string? DesiredTiming { get; set; }

    public IReadOnlyList<AwsAccount> Accounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        ModelState.IsValid && await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            ModelState.Clear();
            return Refuse(text["Console.InvalidValue"]);
        }

        try
        {
            await quotes.RecordAsync(HttpCurrentTenant.CompanyOf(User)!.Value, AwsAccountId, Description, PortalClaims.PersonIdOf(User)!.Value,
                new QuoteOrigin(DesiredTiming, InquiryId, ApplicationId), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ProgrammeRuleException e)
        {
            return Refuse(PortalCultures.MessageOf(e));
        }

        TempData["Flash"] = "Quote_Requested";
        return Redirect("/Quotes");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return false;
        }

        Accounts = await accounts.ListAsync(companyId, cancellationToken);
        return true;
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
