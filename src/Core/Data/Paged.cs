using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Data;

/// <summary>One page of a list with the total, so a page never cuts silently (page numbers start at 1).</summary>
public sealed record Paged<T>(IReadOnlyList<T> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Makes <see cref="Paged{T}"/> pages.</summary>
public static class Paging
{
    /// <summary>Rows per page of the portal's lists.</summary>
    public const int ListPageSize = 25;

    /// <summary>A page number within 1..the last page (a number past the end shows the last page).</summary>
    public static int Clamp(int page, int total, int pageSize) =>
        Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));

    /// <summary>
    /// A page number from a query string when the total is not known: at least 1 and at most the last page whose
    /// OFFSET fits an <see cref="int"/> (a huge number shows an empty page, never an overflow).
    /// </summary>
    public static int Page(int page, int pageSize) => Math.Clamp(page, 1, int.MaxValue / Math.Max(pageSize, 1));

    /// <summary>The rows to skip for <paramref name="page"/> (clamped by <see cref="Page"/>).</summary>
    public static int Offset(int page, int pageSize) => (Page(page, pageSize) - 1) * pageSize;

    /// <summary>
    /// Counts and reads one page of an ordered query (two queries; one when the caller already knows the total,
    /// e.g. from per-status counts it reads anyway).
    /// </summary>
    public static async Task<Paged<T>> OfAsync<T>(IQueryable<T> ordered, int page, int pageSize, CancellationToken cancellationToken, int? knownTotal = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var total = knownTotal ?? await ordered.CountAsync(cancellationToken);
        var current = Clamp(page, total, pageSize);
        var rows = await ordered.Skip((current - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<T>(rows, total, current, pageSize);
    }

    /// <summary>The longest search text a list uses; a longer one is cut (it could not match anything longer anyway).</summary>
    public const int MaxSearchLength = 200;

    /// <summary>A list's search text trimmed and cut to <see cref="MaxSearchLength"/>, or null when there is none.</summary>
    public static string? Term(string? search)
    {
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return null;
        }

        return term.Length > MaxSearchLength ? term[..MaxSearchLength].Trim() : term;
    }

    /// <summary>An ILIKE pattern matching <paramref name="term"/> anywhere (its %, _ and \ taken literally).</summary>
    public static string ContainsPattern(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
    }

    /// <summary>One page of rows already in memory.</summary>
    public static Paged<T> Of<T>(IReadOnlyList<T> all, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(all);
        var current = Clamp(page, all.Count, pageSize);
        return new Paged<T>(all.Skip((current - 1) * pageSize).Take(pageSize).ToList(), all.Count, current, pageSize);
    }
}
