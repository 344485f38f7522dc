namespace CloudpackPlus.Core;

/// <summary>Page numbers from a query string, made safe for OFFSET: a page past any possible end is the last representable one, not an overflow.</summary>
public static class Paging
{
    /// <summary>The 1-based page, at least 1 and at most the last page whose offset fits an <see cref="int"/>.</summary>
    public static int Page(int page, int pageSize) => Math.Clamp(page, 1, int.MaxValue / Math.Max(pageSize, 1));

    /// <summary>The rows to skip for <paramref name="page"/> (clamped by <see cref="Page"/>).</summary>
    public static int Offset(int page, int pageSize) => (Page(page, pageSize) - 1) * pageSize;
}
