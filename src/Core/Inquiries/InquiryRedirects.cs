using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Inquiries;

/// <summary>INQ-1: the redirect texts of the out-of-programme categories; each edit is a new version (who, when).</summary>
public sealed class InquiryRedirects(CoreDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlyList<InquiryCategory> Categories = [InquiryCategory.Sales, InquiryCategory.Backlog, InquiryCategory.SupportDesk];

    /// <summary>The latest version of the category's text (the built-in first version until staff edit it).</summary>
    public async Task<InquiryRedirectText> CurrentAsync(InquiryCategory category, CancellationToken cancellationToken = default) =>
        await db.Set<InquiryRedirectText>().AsNoTracking().Where(r => r.Category == category).OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken)
        ?? Default(category);

    /// <summary>Every version of the category, newest first.</summary>
    public async Task<IReadOnlyList<InquiryRedirectText>> HistoryAsync(InquiryCategory category, CancellationToken cancellationToken = default) =>
        await db.Set<InquiryRedirectText>().AsNoTracking().Where(r => r.Category == category).OrderByDescending(r => r.Version).ToListAsync(cancellationToken);

    /// <summary>The text an inquiry was answered with: its version (0 = the built-in first text), or the current one when none is recorded.</summary>
    public async Task<InquiryRedirectText> VersionAsync(InquiryCategory category, int? version, CancellationToken cancellationToken = default) => version switch
    {
        null => await CurrentAsync(category, cancellationToken),
        0 => Default(category),
        { } v => await db.Set<InquiryRedirectText>().AsNoTracking().SingleOrDefaultAsync(r => r.Category == category && r.Version == v, cancellationToken) ?? Default(category),
    };

    /// <summary>Saves a new version; refused for in-programme categories, empty or oversize texts. Two saves at once: one gets 409 (unique version).</summary>
    public async Task<InquiryRedirectText> SaveAsync(InquiryCategory category, string? textJa, string? textEn, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        if (!Categories.Contains(category))
        {
            throw new ProgrammeRuleException("redirect_category", "案内文を設定できるのはプログラム対象外の種類だけです。", "Only out-of-programme categories have a redirect text.");
        }

        var ja = (textJa ?? "").Trim();
        var en = (textEn ?? "").Trim();
        if (ja.Length == 0 || en.Length == 0 || ja.Length > InquiryLimits.MaxRedirectLength || en.Length > InquiryLimits.MaxRedirectLength)
        {
            throw new ProgrammeRuleException("redirect_text", $"案内文(日本語・英語)をそれぞれ{InquiryLimits.MaxRedirectLength:N0}文字以内で入力してください。",
                $"Enter the text in Japanese and English, at most {InquiryLimits.MaxRedirectLength:N0} characters each.");
        }

        var latest = await db.Set<InquiryRedirectText>().Where(r => r.Category == category).MaxAsync(r => (int?)r.Version, cancellationToken) ?? 0;
        var row = new InquiryRedirectText { Category = category, Version = latest + 1, TextJa = ja, TextEn = en, UpdatedBy = staffId, UpdatedAt = clock.GetUtcNow() };
        db.Set<InquiryRedirectText>().Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException();
        }

        return row;
    }

    private static InquiryRedirectText Default(InquiryCategory category) => category switch
    {
        InquiryCategory.Sales => new InquiryRedirectText
        {
            Category = category, TextJa = "ご契約・お見積もり・新規のご相談は、担当営業または営業窓口(sales@cloudpack.example.jp)へお問い合わせください。",
            TextEn = "For contracts, pricing and new business, contact your sales representative or sales@cloudpack.example.jp.",
        },
        InquiryCategory.Backlog => new InquiryRedirectText
        {
            Category = category, TextJa = "運用保守契約のアカウントに関するご依頼は、各アカウントの Backlog プロジェクトに課題としてご登録ください。",
            TextEn = "For accounts under a maintenance contract, raise an issue in the account's Backlog project.",
        },
        _ => new InquiryRedirectText
        {
            Category = category, TextJa = "障害・技術的なお問い合わせは、通常のサポート窓口(support@cloudpack.example.jp)へお問い合わせください。",
            TextEn = "For incidents and technical support, contact the regular support desk at support@cloudpack.example.jp.",
        },
    };
}
