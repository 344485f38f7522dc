namespace CloudpackPlus.Core.Ranks;

/// <summary>A small RFC 4180 reader for the amounts CSV: quoted fields (with "" and commas), blank lines skipped, a header line skipped.</summary>
internal static class AmountCsv
{
    internal sealed record Line(int Number, IReadOnlyList<string> Fields);

    public static IReadOnlyList<Line> Read(string text)
    {
        var lines = new List<Line>();
        var number = 0;
        foreach (var raw in text.TrimStart('\uFEFF').Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = Split(line);
            // A header: the first non-blank line naming the code column.
            if (lines.Count == 0 && (fields[0].Contains("code", StringComparison.OrdinalIgnoreCase) || fields[0].Contains("コード", StringComparison.Ordinal)))
            {
                continue;
            }

            lines.Add(new Line(number, fields));
        }

        return lines;
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString().Trim());
        return fields;
    }
}
