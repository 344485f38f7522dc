using CloudpackPlus.Core.Data;

namespace CloudpackPlus.Portal.Pages.Staff;

/// <summary>What the shared pager (/Pages/Staff/Shared/_Pager.cshtml) shows: the page, the count and the total, and the query parameter that carries the page.</summary>
public sealed record PagerView(int Page, int PageCount, int Total, string Param)
{
    public static PagerView Of<T>(Paged<T> paged, string param = "p")
    {
        ArgumentNullException.ThrowIfNull(paged);
        return new PagerView(paged.Page, paged.PageCount, paged.Total, param);
    }
}

/// <summary>
/// What the shared list search box (/Pages/Shared/_ListSearch.cshtml) shows: the current text, the query parameter
/// that carries it, the page parameter it resets, the resource key of the hint (what the search looks in), and any
/// yes/no filters submitted with it.
/// </summary>
public sealed record SearchView(string? Value, string HintKey, string Param = "q", string PageParam = "p")
{
    public IReadOnlyList<SearchCheck> Checks { get; init; } = [];
}

/// <summary>A yes/no filter in the search box: its query parameter, the resource key of its label, and whether it is on.</summary>
public sealed record SearchCheck(string Param, string LabelKey, bool On);
