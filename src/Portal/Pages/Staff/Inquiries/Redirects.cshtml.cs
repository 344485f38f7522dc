using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Portal.Audit;
using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Pages.Staff.Inquiries;

/// <summary>INQ-1: admins edit the redirect texts of the out-of-programme categories; each save is a new version and an audit entry.</summary>
public sealed class RedirectsModel(InquiryRedirects redirects, StaffAudit audit) : StaffPageModel
{
    public IReadOnlyList<(InquiryCategory Category, InquiryRedirectText Current, IReadOnlyList<InquiryRedirectText> History)> Texts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(InquiryCategory category, string? textJa, string? textEn, CancellationToken cancellationToken) =>
        await RefuseUnboundAsync(() => LoadAsync(cancellationToken))
        ?? await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "inquiry.redirect-text", null, async () =>
        {
            var saved = await redirects.SaveAsync(category, textJa, textEn, StaffId, cancellationToken);
            return $"{category} v{saved.Version}";
        }, cancellationToken), "Inquiry_RedirectSaved", () => LoadAsync(cancellationToken));

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var texts = new List<(InquiryCategory, InquiryRedirectText, IReadOnlyList<InquiryRedirectText>)>();
        foreach (var category in InquiryRedirects.Categories)
        {
            texts.Add((category, await redirects.CurrentAsync(category, cancellationToken), await redirects.HistoryAsync(category, cancellationToken)));
        }

        Texts = texts;
        return true;
    }
}
