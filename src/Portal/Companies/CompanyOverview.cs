using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Data;
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
/// Reads a company's programme state (CO-1, TKT-4) as statements of the page's <see cref="OneBatch"/>: the company, its
/// latest rank assignment of the year with the rank's definition and the balance kept by the ledger trigger
/// (core.ticket_balances, the sum of the year's ledger entries), and for the company page the year's ledger with the
/// running balance, the linked AWS accounts and the catalogue's names. Raw SQL: every statement names the company, which
/// the caller takes from the signed-in user (another company's id gives nothing, as an unknown one).
/// </summary>
public sealed class CompanyOverview(TimeProvider clock)
{
    private const string CompanySql = "SELECT " + CoreRows.CompanyColumns + " FROM core.companies WHERE id = $1";

    // One row: the latest assignment of the year (if any), its rank's definition, the year's balance.
    private const string StandingSql = """
        SELECT a.id, a.rank, a.source, a.basis_calendar_year, a.basis_amount_yen, a.reason, a.set_by, a.set_at,
               d.name_ja, d.name_en, d.basic_proposals_per_year, d.tickets_per_year,
               COALESCE((SELECT remaining FROM core.ticket_balances WHERE company_id = $1 AND fiscal_year = $2), 0)
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (SELECT * FROM core.rank_assignments WHERE company_id = $1 AND fiscal_year = $2 ORDER BY id DESC LIMIT 1) a ON true
        LEFT JOIN core.rank_definitions d ON d.rank = a.rank
        """;

    private const string HistorySql = """
        SELECT id, at, kind, amount, service_id, application_id, reason, actor_id
        FROM core.ticket_ledger WHERE company_id = $1 AND fiscal_year = $2 ORDER BY id
        """;

    // Linked accounts only, as Core's filter gives them (an unlinked account is history).

    private const string NamesSql = "SELECT id, name_ja, name_en FROM core.catalogue_entries WHERE $1::uuid IS NOT NULL";

    /// <summary>
    /// Adds the snapshot's statements to <paramref name="batch"/>; after the batch has run, the returned function gives the
    /// snapshot (null when the company does not exist). Without <paramref name="withDetails"/> (the home page) the history,
    /// accounts and names are not read and stay empty.
    /// </summary>
    public Func<CompanySnapshot?> AddTo(OneBatch batch, Guid companyId, FiscalYear? fiscalYear, bool withDetails)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var current = FiscalYear.Current(clock);
        var year = fiscalYear ?? current;
        var company = batch.Add(CompanySql, CoreRows.Company, companyId);
        var standing = batch.Add(StandingSql, r => (
            Assignment: r.IsDBNull(0) ? null : new RankAssignment
            {
                Id = r.GetInt64(0), CompanyId = companyId, FiscalYear = year.StartYear, Rank = r.Enum<Rank>(1), Source = r.Enum<RankSource>(2),
                BasisCalendarYear = r.Number(3), BasisAmountYen = r.IsDBNull(4) ? null : r.GetInt64(4), Reason = r.Text(5), SetBy = r.Id(6), SetAt = r.At(7),
            },
            Definition: r.IsDBNull(8) ? null : new RankDefinition
            {
                Rank = r.Enum<Rank>(1), NameJa = r.GetString(8), NameEn = r.GetString(9), BasicProposalsPerYear = r.GetInt32(10), TicketsPerYear = r.GetInt32(11),
            },
            Balance: r.GetInt32(12)), companyId, year.StartYear);
        var running = 0;
        var history = withDetails
            ? batch.Add(HistorySql, r => new TicketHistoryLine(r.GetInt64(0), r.At(1), r.Enum<TicketEntryKind>(2), r.GetInt32(3), running += r.GetInt32(3),
                r.Text(4), r.Id(5), r.Text(6), r.Id(7)), companyId, year.StartYear)
            : null;
        var accounts = withDetails ? batch.Add(CoreRows.LinkedAccountsSql, CoreRows.Account, companyId) : null;
        var names = withDetails ? batch.Add(NamesSql, r => (Id: r.GetString(0), Ja: r.GetString(1), En: r.GetString(2)), companyId) : null;
        return () =>
        {
            if (company.FirstOrDefault is not { } found)
            {
                return null;
            }

            var today = Tokyo.Today(clock);
            var (assignment, definition, balance) = standing.Rows[0];
            return new CompanySnapshot(
                found, year, year == current, definition, assignment, balance, year.LastDay, Math.Max(0, year.LastDay.DayNumber - today.DayNumber + 1),
                history?.Rows ?? [], accounts?.Rows ?? [], names?.Rows.ToDictionary(n => n.Id, n => (n.Ja, n.En)) ?? []);
        };
    }
}

/// <summary>
/// Something waiting on the customer (a form to fill, a date to confirm, a report to read).
/// Modules that create such work register an <see cref="ICustomerTodoSource"/>; the home page lists them all.
/// </summary>
public sealed record CustomerTodo(string Title, string Url, DateOnly? DueOn);

/// <summary>
/// Supplies the home page's "waiting on you" items of a company (e.g. the workflow runtime's customer tasks) as a statement
/// of the home page's <see cref="OneBatch"/> (issue #17: the home page is one round trip).
/// </summary>
public interface ICustomerTodoSource
{
    /// <summary>Adds this source's statement to <paramref name="batch"/>; the returned function gives the items once the batch has run.</summary>
    Func<IReadOnlyList<CustomerTodo>> AddTo(OneBatch batch, Guid companyId, Guid userId);
}
