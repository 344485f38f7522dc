using System.Text;

namespace CloudpackPlus.Portal.Dashboard;

/// <summary>
/// RFC 4180 CSV for Excel: UTF-8 with a byte-order mark (Excel reads Japanese correctly only with it), CRLF line ends,
/// a field quoted when it holds a comma, quote or line break (quotes doubled), and a text that a spreadsheet would
/// run as a formula (= + - @ tab CR) prefixed with an apostrophe.
/// </summary>
public static class DashboardCsv
{
    public static byte[] Write(DashboardTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        Line(text, table.Headers, table.NumericColumns, header: true);
        foreach (var row in table.Rows)
        {
            Line(text, row, table.NumericColumns, header: false);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static string Field(string value, bool numeric)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!numeric && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> fields, IReadOnlySet<int> numeric, bool header)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(Field(fields[i], !header && numeric.Contains(i)));
        }

        text.Append("\r\n");
    }
}
