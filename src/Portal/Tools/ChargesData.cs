using System.Globalization;
using System.Text;
using CloudpackPlus.Core.Tools;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;

namespace CloudpackPlus.Portal.Tools;

/// <summary>The cached Cost Explorer answer of one account (TOOL-2): cost per month and service, in AWS's currency.</summary>
public sealed record ChargesData(IReadOnlyList<ChargeRow> Rows)
{
    /// <summary>The months, oldest first ("yyyy-MM").</summary>
    public IReadOnlyList<string> Months => Rows.Select(r => r.Month).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The currencies AWS reported (one, normally).</summary>
    public IReadOnlyList<string> Currencies => Rows.Select(r => r.Unit).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Services by their total over the period, largest first.</summary>
    public IReadOnlyList<(string Service, decimal Total)> TopServices =>
        Rows.GroupBy(r => r.Service).Select(g => (g.Key, g.Sum(r => r.Amount))).OrderByDescending(t => t.Item2).ToList();

    public decimal Amount(string month, string service) => Rows.Where(r => r.Month == month && r.Service == service).Sum(r => r.Amount);

    public decimal MonthTotal(string month) => Rows.Where(r => r.Month == month).Sum(r => r.Amount);

    /// <summary>CSV (UTF-8 with BOM, so Excel reads Japanese): month, service, amount, currency, estimated.</summary>
    public byte[] ToCsv(string accountId)
    {
        var csv = new StringBuilder("account,month,service,amount,currency,estimated\r\n");
        foreach (var row in Rows.OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.Service, StringComparer.Ordinal))
        {
            csv.Append(accountId).Append(',').Append(row.Month).Append(',').Append(Csv(row.Service)).Append(',')
                .Append(row.Amount.ToString("0.00", CultureInfo.InvariantCulture)).Append(',').Append(Csv(row.Unit)).Append(',')
                .Append(row.Estimated ? "true" : "false").Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Csv(string value)
    {
        // Spreadsheet formula injection: a leading =, +, - or @ is quoted as text.
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}

/// <summary>One month's approximate cost of one service.</summary>
public sealed record ChargeRow(string Month, string Service, decimal Amount, string Unit, bool Estimated);

/// <summary>Fetches the last 12 months (this month to date included) from Cost Explorer and caches them (TOOL-2).</summary>
public sealed class ChargesFetcher(AwsAccountConnector connector, ToolSnapshots snapshots, TimeProvider clock)
{
    /// <summary>Fetches and stores; an AWS refusal is stored as the snapshot's error and returned, never thrown.</summary>
    public async Task<AwsIntegrationException?> FetchAsync(Guid companyId, string accountId, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await connector.ConnectAsync(companyId, accountId, AwsRolePurpose.ReadOnly, cancellationToken);
            var thisMonth = Core.Time.Tokyo.Today(clock);
            var (costs, _) = await connection.CostExplorer().GetMonthlyCostByServiceAsync(thisMonth.AddMonths(-11), thisMonth, cancellationToken);
            var rows = costs.Select(c => new ChargeRow(c.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), c.Service, c.Amount, c.Unit, c.Estimated)).ToList();
            await snapshots.CompleteAsync(companyId, accountId, CustomerTool.Charges, new ChargesData(rows), cancellationToken);
            return null;
        }
        catch (AwsIntegrationException error)
        {
            await snapshots.FailAsync(companyId, accountId, CustomerTool.Charges, error.Kind.ToString(), error.MissingPermission, cancellationToken);
            return error;
        }
    }
}
