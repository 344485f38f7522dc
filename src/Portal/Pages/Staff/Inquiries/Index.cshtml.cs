using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Inquiries;

/// <summary>INQ-1: the staff inbox of inquiries: open ones oldest first with their age and assignee; filters mine, unassigned, closed, all, and by category.</summary>
public sealed class IndexModel(InquiryQueries queries) : PageModel
{
    public IReadOnlyList<InquiryRow> Rows { get; private set; } = [];

    public InquiryFilter Filter { get; private set; }

    public InquiryCategory? Category { get; private set; }

    public async Task OnGetAsync(InquiryFilter? filter, InquiryCategory? category, CancellationToken cancellationToken)
    {
        // An unknown filter or category value does not bind: the default inbox.
        Filter = ModelState.IsValid ? filter ?? InquiryFilter.Open : InquiryFilter.Open;
        Category = ModelState.IsValid ? category : null;
        Rows = await queries.InboxAsync(Filter, PortalClaims.PersonIdOf(User) ?? Guid.Empty, Category, cancellationToken);
    }
}
