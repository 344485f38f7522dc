using System.Security.Claims;
using CloudpackPlus.Core.Tools;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Tenancy;
using CloudpackPlus.Portal.Tools;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Tools;

/// <summary>
/// What every tool page shares: the signed-in user's company, its linked accounts with their connection, the chosen
/// account (<c>?account=</c>; another company's or an unknown id answers 404) and the contract gate (TOOL-3).
/// </summary>
public abstract class ToolPageModel(ToolAccounts accounts) : PageModel
{
    [FromQuery(Name = "account")]
    public string? AccountId { get; set; }

    public Guid CompanyId { get; private set; }

    public IReadOnlyList<ToolAccount> Accounts { get; private set; } = [];

    public ToolAccount? Account { get; private set; }

    public ToolDecision Decision { get; private set; } = new(true, []);

    public bool IsRepresentative => User.IsInRole(PortalRoles.Representative);

    public Guid? UserId => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>Loads the company, accounts and gate; null when the page may go on, else the result to return (404).</summary>
    protected async Task<IActionResult?> LoadAsync(CustomerTool? tool, bool accountRequired, CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return NotFound();
        }

        CompanyId = companyId;
        // One round trip (issue #17): accounts, connections, the gate's rules and contracts, and on a GET the header's unread count.
        var pages = HttpContext.RequestServices.GetRequiredService<PageBatch>();
        var batch = HttpMethods.IsGet(Request.Method) ? pages.Start(User) : new OneBatch();
        var read = accounts.AddTo(batch, companyId, tool);
        await pages.RunAsync(batch, cancellationToken);
        (Accounts, Decision) = read();
        if (AccountId is not null)
        {
            Account = Accounts.FirstOrDefault(a => a.AccountId == AccountId);
            if (Account is null)
            {
                return NotFound();
            }
        }
        else if (accountRequired)
        {
            Account = Accounts.FirstOrDefault(a => a.Usable) ?? (Accounts.Count > 0 ? Accounts[0] : null);
        }

        return null;
    }

    /// <summary>The endpoints refuse a gated tool too (TOOL-3): 403 for a POST or a download.</summary>
    protected IActionResult Refused() => StatusCode(StatusCodes.Status403Forbidden);

    /// <summary>
    /// A tool's refresh: refused when gated (403), 404 without an account, "not connected" when the account cannot be
    /// read, else the snapshot is claimed (rate limit per account) and <paramref name="start"/> runs; back to the page
    /// with what happened.
    /// </summary>
    protected async Task<IActionResult> RefreshAsync(CustomerTool tool, ToolSnapshots snapshots, Func<ToolAccount, Task<string?>> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(start);
        if (await LoadAsync(tool, true, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Decision.Allowed)
        {
            return Refused();
        }

        if (Account is null)
        {
            return NotFound();
        }

        if (!Account.Usable)
        {
            // Not connected (never tested, disconnected, or the role refused): the tools do not read the account.
            TempData["Flash"] = "Tools.NotConnected";
            return RedirectToPage(new { account = Account.AccountId });
        }

        var refusal = await snapshots.TryStartAsync(CompanyId, Account.AccountId, tool, cancellationToken);
        if (refusal != RefreshRefusal.None)
        {
            TempData["Flash"] = "Tools.Flash.Refresh" + refusal;
            return RedirectToPage(new { account = Account.AccountId });
        }

        TempData["Flash"] = await start(Account);
        await AuditAsync(tool == CustomerTool.TrustedAdvisor ? "tool.trusted-advisor.refresh" : "tool.charges.refresh", Account.AccountId, cancellationToken);
        return RedirectToPage(new { account = Account.AccountId });
    }

    /// <summary>Records a tool action in the audit log (who, what, the company and the account), seen in /Staff/Audit.</summary>
    protected Task AuditAsync(string action, string? detail, CancellationToken cancellationToken) =>
        HttpContext.RequestServices.GetRequiredService<Audit.StaffAudit>().RecordAsync(PageActor.Of(User), action, CompanyId, detail, cancellationToken);

    /// <summary>An AWS error kind (AwsErrorKind name) as a message in the reader's language, saying what to do.</summary>
    public string ErrorMessage(string kind, string? detail) =>
        T(kind switch
        {
            "RoleNotAssumable" or "AccessDenied" or "SupportPlanRequired" or "Throttled" or "ServiceUnavailable" or "NotConfigured"
                or "AccountNotLinked" or "CredentialsExpired" => "Tools.Error." + kind,
            _ => "Tools.Error.Unknown",
        }, detail ?? "", Account?.AccountId ?? "");

    private string T(string key, params object[] args) =>
        HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()[key, args];
}
