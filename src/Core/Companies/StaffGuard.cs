using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Companies;

/// <summary>Audited staff operations record the staff member; this checks the id really is one.</summary>
internal static class StaffGuard
{
    public static async Task RequireStaffAsync(this CoreDbContext db, Guid staffId, CancellationToken cancellationToken)
    {
        var role = await db.People.IgnoreQueryFilters().Where(p => p.Id == staffId).Select(p => (PersonRole?)p.Role)
            .SingleOrDefaultAsync(cancellationToken);
        if (role is null || !Person.IsStaffRole(role.Value))
        {
            throw new ProgrammeRuleException("not_staff", $"この操作は当社スタッフのみ実行できます({staffId})。", $"Only provider staff may do this ({staffId}).");
        }
    }

    /// <summary>The longest reason a ledger entry, rank assignment or reservation stores (their columns hold 1000).</summary>
    public const int MaxReasonLength = 500;

    public static string RequireReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ProgrammeRuleException("reason_required", "理由を入力してください。", "A reason is required.");
        }

        var text = reason.Trim();
        if (text.Length > MaxReasonLength)
        {
            throw new ProgrammeRuleException("reason_too_long", $"理由は{MaxReasonLength}文字以内で入力してください。", $"A reason can be at most {MaxReasonLength} characters.");
        }

        return text;
    }
}

/// <summary>ELIG-4: a suspended (or not enrolled) company can read its history but cannot apply.</summary>
public sealed class CompanyNotActiveException(Guid companyId, CompanyStatus status)
    : ProgrammeRuleException(
        "company_not_active",
        status == CompanyStatus.Suspended
            ? "対象のご契約が終了しているため、cloudpack+ のサービスはお申し込みいただけません(履歴は引き続きご覧いただけます)。"
            : "cloudpack+ にご入会いただいていないため、お申し込みいただけません。",
        $"The company is {status}: it cannot apply for services.")
{
    public Guid CompanyId { get; } = companyId;

    public CompanyStatus Status { get; } = status;
}
