using CloudpackPlus.Core.Data;

namespace CloudpackPlus.Portal.Pages.Staff;

/// <summary>What the staff pager shows: the page, the count and the total, and the query parameter that carries the page.</summary>
public sealed record PagerView(int Page, int PageCount, int Total, string Param)
{
    public static PagerView Of<T>(Paged<T> paged, string param)
    {
        ArgumentNullException.ThrowIfNull(paged);
        return new PagerView(paged.Page, paged.PageCount, paged.Total, param);
    }
}
