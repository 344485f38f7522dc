using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Inquiries;

/// <summary>INQ-1: the staff inbox of inquiries: open ones oldest first with their age and assignee; filters mine, unassigned, closed, all, and by category.</summary>
public sealed class IndexModel(InquiryQueries queries) : PageModel
{
    /// <summary>Part of the number, subject or company.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<InquiryRow> Rows { get; private set; } = new([], 0, 1, Paging.ListPageSize);

    public InquiryFilter Filter { get; private set; }

    public InquiryCategory? Category { get; private set; }

    public async Task OnGetAsync(InquiryFilter? filter, InquiryCategory? category, CancellationToken cancellationToken)
    {
        // An unknown filter or category value does not bind: the default inbox.
        Filter = ModelState.IsValid ? filter ?? InquiryFilter.Open : InquiryFilter.Open;
        Category = ModelState.IsValid ? category : null;
        Rows = await queries.InboxAsync(Filter, PortalClaims.PersonIdOf(User) ?? Guid.Empty, Category, Search, PageNumber, cancellationToken: cancellationToken);
    }
}
