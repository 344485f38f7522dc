using System.Globalization;
using System.Text;
using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.WebScan;

/// <summary>
/// WEB-7: one exported line. Its four properties are the whole export: nothing else exists to be written, so no
/// company name, URL or id can appear in the file.
/// </summary>
/// <param name="VulnerabilityType">The vulnerability type as the report names it.</param>
/// <param name="Count">How many were found.</param>
/// <param name="Industry">The company's industry (empty when not known).</param>
/// <param name="ScanPeriod">The scan period, <c>yyyy-MM-dd/yyyy-MM-dd</c>.</param>
public sealed record ScanStatisticRow(string VulnerabilityType, int Count, string Industry, string ScanPeriod);

/// <summary>WEB-7: the statistics the scan partner may keep, exported as CSV for one fiscal year.</summary>
public sealed class ScanStatistics(CoreDbContext db)
{
    /// <summary>The CSV header, in the order of <see cref="ScanStatisticRow"/>'s properties.</summary>
    public static readonly IReadOnlyList<string> Header = ["vulnerability_type", "count", "industry", "scan_period"];

    /// <summary>The rows of a fiscal year (start year), by scan start then type.</summary>
    public async Task<IReadOnlyList<ScanStatisticRow>> RowsAsync(int fiscalYear, CancellationToken cancellationToken = default)
    {
        // Only the four exported columns are read from the database.
        var lines = await db.ScanFindings.AsNoTracking().Where(f => f.FiscalYear == fiscalYear)
            .OrderBy(f => f.ScanFrom).ThenBy(f => f.VulnerabilityType)
            .Select(f => new { f.VulnerabilityType, f.Count, f.Industry, f.ScanFrom, f.ScanTo })
            .ToListAsync(cancellationToken);
        return lines.Select(l => new ScanStatisticRow(l.VulnerabilityType, l.Count, l.Industry,
            $"{l.ScanFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{l.ScanTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")).ToList();
    }

    /// <summary>The CSV (UTF-8 with BOM for spreadsheet programs, CRLF) of a fiscal year.</summary>
    public async Task<byte[]> ExportCsvAsync(int fiscalYear, CancellationToken cancellationToken = default) =>
        ToCsv(await RowsAsync(fiscalYear, cancellationToken));

    /// <summary>Writes rows as CSV: the header, then one line per row with exactly its four fields.</summary>
    public static byte[] ToCsv(IEnumerable<ScanStatisticRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Header)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(Field(row.VulnerabilityType)).Append(',')
                .Append(row.Count.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(row.Industry)).Append(',')
                .Append(Field(row.ScanPeriod)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Field(string value)
    {
        // A cell starting with = + - @ would be a formula in a spreadsheet: keep it text.
        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
