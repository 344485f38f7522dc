using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>
/// Variables, inputs and outputs are kept as plain values (null, string, long, double, bool,
/// lists, string-keyed dictionaries) so they serialise to JSON and read in Scriban without surprises.
/// </summary>
public static class PlainValues
{
    /// <summary>A JSON element as a plain value.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>A JSON object (text) as a dictionary of plain values; empty for null or blank.</summary>
    public static Dictionary<string, object?> ParseObject(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? (Dictionary<string, object?>)FromJson(document.RootElement)!
            : new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    /// <summary>Any CLR value as a plain value.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        string or bool or long or double => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        float f => (double)f,
        System.Numerics.BigInteger big => (long)big,
        decimal d => d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue ? (object)(long)d : (double)d,
        Guid g => g.ToString(),
        DateTimeOffset dto => dto.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        TimeSpan ts => ts.ToString("c", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        JsonElement je => FromJson(je),
        IDictionary<string, object?> dict => dict.ToDictionary(p => p.Key, p => Normalize(p.Value), StringComparer.Ordinal),
        IDictionary dict => dict.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture)!, k => Normalize(dict[k]), StringComparer.Ordinal),
        IEnumerable list => list.Cast<object?>().Select(Normalize).ToList(),
        _ => FromJson(JsonSerializer.SerializeToElement(value, value.GetType())),
    };

    /// <summary>Serialises plain values to JSON.</summary>
    public static string ToJson(object? value) => JsonSerializer.Serialize(value);

    /// <summary>Converts a plain value to the type of an activity input.</summary>
    public static object? ConvertTo(object? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null)
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        }

        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        var inv = CultureInfo.InvariantCulture;
        if (target == typeof(string))
        {
            return value is IDictionary or IList ? ToJson(value) : Convert.ToString(value, inv);
        }

        if (target == typeof(bool))
        {
            return value is string s ? bool.Parse(s) : Convert.ToBoolean(value, inv);
        }

        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(Convert.ToString(value, inv)!, inv, DateTimeStyles.AssumeUniversal);
        }

        if (target == typeof(TimeSpan))
        {
            var text = Convert.ToString(value, inv)!;
            return text.StartsWith('P') ? System.Xml.XmlConvert.ToTimeSpan(text) : TimeSpan.Parse(text, inv);
        }

        if (target == typeof(Guid))
        {
            return Guid.Parse(Convert.ToString(value, inv)!);
        }

        if (target.IsEnum)
        {
            return Enum.Parse(target, Convert.ToString(value, inv)!, ignoreCase: true);
        }

        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
        {
            return Convert.ChangeType(value, target, inv);
        }

        return JsonSerializer.Deserialize(ToJson(value), type);
    }
}
