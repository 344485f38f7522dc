using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;
using CompanyEntity = CloudpackPlus.Core.Companies.Company;

namespace CloudpackPlus.Portal.Companies;

/// <summary>What the home and company pages show about a company for one fiscal year (CO-1, TKT-4).</summary>
public sealed record CompanySnapshot(
    CompanyEntity Company,
    FiscalYear FiscalYear,
    bool IsCurrentYear,
    RankDefinition? Rank,
    RankAssignment? Assignment,
    int Balance,
    DateOnly ExpiresOn,
    int DaysLeft,
    IReadOnlyList<TicketHistoryLine> History,
    IReadOnlyList<AwsAccount> AwsAccounts,
    IReadOnlyDictionary<string, (string Ja, string En)> ServiceNames)
{
    public bool IsSuspended => Company.Status == CompanyStatus.Suspended;

    /// <summary>The catalogue name of a history line's service in the page's language; the id when the catalogue no longer has it.</summary>
    public string ServiceName(string? serviceId, bool japanese) =>
        serviceId is null ? "" : ServiceNames.TryGetValue(serviceId, out var name) ? (japanese ? name.Ja : name.En) : serviceId;
}

/// <summary>
/// Reads a company's programme state through Core's services. Core's tenant filter applies:
/// a customer asking for another company gets null, exactly as for a company that does not exist.
/// </summary>
public sealed class CompanyOverview(CoreDbContext core, RankService ranks, TicketLedger ledger, AwsAccountService accounts, TimeProvider clock)
{
    public async Task<CompanySnapshot?> LoadAsync(Guid companyId, FiscalYear? fiscalYear, CancellationToken cancellationToken)
    {
        var company = await core.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        if (company is null)
        {
            return null;
        }

        var current = FiscalYear.Current(clock);
        var year = fiscalYear ?? current;
        var assignment = await ranks.GetAssignmentAsync(companyId, year, cancellationToken);
        var definition = assignment is null ? null : await ranks.GetDefinitionAsync(assignment.Rank, cancellationToken);
        var today = Tokyo.Today(clock);
        var daysLeft = Math.Max(0, year.LastDay.DayNumber - today.DayNumber + 1);
        return new CompanySnapshot(
            company, year, year == current, definition, assignment,
            await ledger.GetBalanceAsync(companyId, year, cancellationToken),
            year.LastDay, daysLeft,
            await ledger.GetHistoryAsync(companyId, year, cancellationToken),
            await accounts.ListAsync(companyId, cancellationToken),
            await core.Catalogue.AsNoTracking().ToDictionaryAsync(e => e.Id, e => (e.NameJa, e.NameEn), cancellationToken));
    }
}

/// <summary>
/// Something waiting on the customer (a form to fill, a date to confirm, a report to read).
/// Modules that create such work register an <see cref="ICustomerTodoSource"/>; the home page lists them all.
/// </summary>
public sealed record CustomerTodo(string Title, string Url, DateOnly? DueOn);

/// <summary>Supplies the home page's "waiting on you" items of a company (e.g. the workflow runtime's customer tasks).</summary>
public interface ICustomerTodoSource
{
    Task<IReadOnlyList<CustomerTodo>> ListAsync(Guid companyId, Guid userId, CancellationToken cancellationToken);
}
