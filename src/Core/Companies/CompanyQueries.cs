using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Companies;

/// <summary>Reads about a company that several services need, written once.</summary>
internal static class CompanyQueries
{
    /// <summary>Throws <see cref="NotFoundException"/> unless the company exists and the tenant may see it.</summary>
    public static async Task RequireCompanyAsync(this CoreDbContext db, Guid companyId, CancellationToken cancellationToken)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            throw new NotFoundException("会社", companyId);
        }
    }
}
