using System.Text;

namespace CloudpackPlus.Testing;

/// <summary>One content line of an iCalendar: name, parameters and value (still escaped as written).</summary>
public sealed record IcsLine(string Name, IReadOnlyDictionary<string, string> Parameters, string Value);

/// <summary>
/// Reads an RFC 5545 calendar back for tests, independently of the writer: checks every physical line ends with CRLF and
/// is at most 75 octets, unfolds continuation lines (CRLF + space or tab), splits name;params:value and unescapes TEXT.
/// </summary>
public static class IcsReader
{
    public static IReadOnlyList<IcsLine> Parse(byte[] ics)
    {
        ArgumentNullException.ThrowIfNull(ics);
        var text = Encoding.UTF8.GetString(ics);
        if (!text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            throw new FormatException("The calendar does not end with CRLF.");
        }

        var physical = text[..^2].Split("\r\n");
        foreach (var line in physical)
        {
            if (line.Contains('\n', StringComparison.Ordinal) || line.Contains('\r', StringComparison.Ordinal))
            {
                throw new FormatException($"A bare line break: {line}");
            }

            if (Encoding.UTF8.GetByteCount(line) > 75)
            {
                throw new FormatException($"A line longer than 75 octets: {line}");
            }
        }

        var logical = new List<string>();
        foreach (var line in physical)
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                logical[^1] += line[1..];
            }
            else
            {
                logical.Add(line);
            }
        }

        return logical.Select(ParseLine).ToList();
    }

    /// <summary>The value of the first line named <paramref name="name"/> (unescaped as TEXT).</summary>
    public static string Value(IReadOnlyList<IcsLine> lines, string name) =>
        Unescape((lines ?? []).First(l => l.Name == name).Value);

    public static string Unescape(string value) => (value ?? "").Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\N", "\n", StringComparison.Ordinal)
        .Replace("\\,", ",", StringComparison.Ordinal).Replace("\\;", ";", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    private static IcsLine ParseLine(string line)
    {
        // The value starts at the first colon outside a quoted parameter value.
        var quoted = false;
        var colon = -1;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ':' && !quoted)
            {
                colon = i;
                break;
            }
        }

        if (colon < 0)
        {
            throw new FormatException($"No value: {line}");
        }

        var head = line[..colon].Split(';');
        var parameters = head.Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1].Trim('"') : "", StringComparer.Ordinal);
        return new IcsLine(head[0], parameters, line[(colon + 1)..]);
    }
}
