using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudpackPlus.Workflows.Tasks;

/// <summary>
/// The form of a human task: typed fields with validation. Types: string, text, integer, number,
/// boolean, date, datetime, choice. Unknown submitted fields are refused.
/// </summary>
public sealed record FormSchema(IReadOnlyList<FormField> Fields)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly HashSet<string> Types = ["string", "text", "integer", "number", "boolean", "date", "datetime", "choice"];

    /// <summary>Reads a schema; throws <see cref="FormatException"/> with the problem.</summary>
    public static FormSchema Parse(string json)
    {
        FormSchema? schema;
        try
        {
            schema = JsonSerializer.Deserialize<FormSchema>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The form schema is not valid JSON: {e.Message}", e);
        }

        if (schema?.Fields is null)
        {
            throw new FormatException("The form schema needs a 'fields' list.");
        }

        foreach (var field in schema.Fields)
        {
            if (string.IsNullOrWhiteSpace(field.Name) || !Types.Contains(field.Type))
            {
                throw new FormatException($"Form field '{field.Name}' has unknown type '{field.Type}' (allowed: {string.Join(", ", Types)}).");
            }
        }

        return schema;
    }

    /// <summary>Every problem of the submitted data; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(IReadOnlyDictionary<string, JsonElement> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var errors = new List<string>();
        foreach (var name in data.Keys.Where(k => Fields.All(f => f.Name != k)))
        {
            errors.Add($"{name}: not a field of this form.");
        }

        foreach (var field in Fields)
        {
            if (!data.TryGetValue(field.Name, out var value) || value.ValueKind == JsonValueKind.Null
                || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
            {
                if (field.Required)
                {
                    errors.Add($"{field.Name}: required.");
                }

                continue;
            }

            if (Check(field, value) is { } error)
            {
                errors.Add($"{field.Name}: {error}");
            }
        }

        return errors;
    }

    private static string? Check(FormField field, JsonElement value)
    {
        switch (field.Type)
        {
            case "string" or "text":
                if (value.ValueKind != JsonValueKind.String)
                {
                    return "must be text.";
                }

                var length = value.GetString()!.Length;
                return field.MaxLength is { } max && length > max ? $"at most {max} characters." : null;
            case "integer" or "number":
                if (value.ValueKind != JsonValueKind.Number || (field.Type == "integer" && !value.TryGetInt64(out _)))
                {
                    return field.Type == "integer" ? "must be a whole number." : "must be a number.";
                }

                var number = value.GetDouble();
                return field.Min is { } min && number < min ? $"must be at least {min}."
                    : field.Max is { } top && number > top ? $"must be at most {top}." : null;
            case "boolean":
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false.";
            case "date":
                return value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? null : "must be a date (yyyy-MM-dd).";
            case "datetime":
                return value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? null : "must be a date and time (ISO 8601).";
            default: // choice
                return value.ValueKind == JsonValueKind.String && (field.Options ?? []).Contains(value.GetString()!)
                    ? null : $"must be one of: {string.Join(", ", field.Options ?? [])}.";
        }
    }
}

/// <summary>One field of a task form.</summary>
public sealed record FormField
{
    /// <summary>Field key in the submitted data.</summary>
    public required string Name { get; init; }

    /// <summary>string, text, integer, number, boolean, date, datetime, choice.</summary>
    public string Type { get; init; } = "string";

    /// <summary>Must be present and non-empty.</summary>
    public bool Required { get; init; }

    /// <summary>Labels by language (ja, en).</summary>
    public IReadOnlyDictionary<string, string>? Label { get; init; }

    /// <summary>For text: maximum length.</summary>
    public int? MaxLength { get; init; }

    /// <summary>For numbers: bounds.</summary>
    public double? Min { get; init; }

    /// <summary>For numbers: bounds.</summary>
    [JsonPropertyName("max")]
    public double? Max { get; init; }

    /// <summary>For choice: the allowed values.</summary>
    public IReadOnlyList<string>? Options { get; init; }
}
