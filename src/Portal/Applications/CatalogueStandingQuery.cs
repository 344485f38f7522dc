using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Data;

namespace CloudpackPlus.Portal.Applications;

/// <summary>
/// Issue #17: what the catalogue page needs besides the entries, as statements of the page's <see cref="OneBatch"/>: the
/// company's <see cref="CatalogueStanding"/> (active or not, this FY's balance kept by the ledger trigger, contracts, rank)
/// and every capped service's used capacity this FY. The same rules as <see cref="CatalogueService.CheckAllAsync"/>, which
/// reads them in a query each (and one per capped service).
/// </summary>
public static class CatalogueStandingQuery
{
    // $1 company, $2 fiscal year. One row (none when the company does not exist).
    private const string StandingSql = """
        SELECT c.status,
               COALESCE((SELECT remaining FROM core.ticket_balances WHERE company_id = $1 AND fiscal_year = $2), 0),
               COALESCE((SELECT rank FROM core.rank_assignments WHERE company_id = $1 AND fiscal_year = $2 ORDER BY id DESC LIMIT 1), 'Regular')
        FROM core.companies c WHERE c.id = $1
        """;

    private const string ContractsSql = "SELECT type, starts_on, ends_on FROM core.contracts WHERE company_id = $1";

    // Capacity is shared by every company (WEB-4): counted over all of them, as TicketCapacity does.
    private const string CapacitySql = """
        SELECT r.service_id, count(*)::int FROM core.ticket_reservations r
        JOIN core.catalogue_entries e ON e.id = r.service_id AND e.yearly_capacity IS NOT NULL
        WHERE r.fiscal_year = $1 AND r.status <> 'Released' GROUP BY r.service_id
        """;

    /// <summary>Adds the statements; after the batch has run, the function checks each entry (null when the company does not exist).</summary>
    public static Func<IReadOnlyList<CatalogueEntry>, IReadOnlyList<ServiceAvailability>?> AddTo(OneBatch batch, Guid companyId, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var today = Tokyo.Today(clock);
        var year = FiscalYear.Current(clock);
        var standing = batch.Add(StandingSql, r => (Status: r.Enum<CompanyStatus>(0), Balance: r.GetInt32(1), Rank: r.Enum<Rank>(2)), companyId, year.StartYear);
        var contracts = batch.Add(ContractsSql, r => new Contract
        {
            CompanyId = companyId, Type = r.Enum<ContractType>(0), StartsOn = r.GetFieldValue<DateOnly>(1), EndsOn = r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2),
        }, companyId);
        var used = batch.Add(CapacitySql, r => (Service: r.GetString(0), Count: r.GetInt32(1)), year.StartYear);
        return entries =>
        {
            if (standing.Rows.Count == 0)
            {
                return null;
            }

            var (status, balance, rank) = standing.Rows[0];
            var inForce = contracts.Rows.Where(c => c.IsInForceOn(today)).Select(c => c.Type).ToHashSet();
            var company = new CatalogueStanding(status == CompanyStatus.Active, year, balance, inForce, rank);
            var counts = used.Rows.ToDictionary(u => u.Service, u => u.Count);
            return [.. entries.Select(e => CatalogueService.Check(e, company, e.YearlyCapacity is null ? null : counts.GetValueOrDefault(e.Id)))];
        };
    }
}
