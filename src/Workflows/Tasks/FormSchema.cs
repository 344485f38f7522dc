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

    /// <summary>Every problem of the submitted data with a stable code per problem, for translated messages.</summary>
    public IReadOnlyList<FormError> Check(IReadOnlyDictionary<string, JsonElement> data, FormValidationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var errors = new List<FormError>();
        foreach (var name in data.Keys.Where(k => Fields.All(f => f.Name != k)))
        {
            errors.Add(new(name, FormErrorCodes.UnknownField, null));
        }

        foreach (var field in Fields)
        {
            if (!data.TryGetValue(field.Name, out var value) || value.ValueKind == JsonValueKind.Null
                || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
            {
                if (field.Required || field.RequiredWhen?.Holds(data) == true)
                {
                    errors.Add(new(field.Name, FormErrorCodes.Required, null));
                }

                continue;
            }

            if (Check(field, value, data, context) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    private static FormError? Check(FormField field, JsonElement value, IReadOnlyDictionary<string, JsonElement> data, FormValidationContext? context)
    {
        FormError Error(string code, object? argument = null) =>
            new(field.Name, code, argument is null ? null : Convert.ToString(argument, CultureInfo.InvariantCulture));
        switch (field.Type)
        {
            case "string" or "text":
                if (value.ValueKind != JsonValueKind.String)
                {
                    return Error(FormErrorCodes.Text);
                }

                var text = value.GetString()!;
                if (field.MaxLength is { } max && text.Length > max)
                {
                    return Error(FormErrorCodes.MaxLength, max);
                }

                // A URL shown as a link must not be able to run script (javascript:, data:).
                return field.Format == "url" && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
                    ? Error(FormErrorCodes.Url) : null;
            case "integer" or "number":
                if (value.ValueKind != JsonValueKind.Number || (field.Type == "integer" && !value.TryGetInt64(out _)))
                {
                    return Error(field.Type == "integer" ? FormErrorCodes.Integer : FormErrorCodes.Number);
                }

                var number = value.GetDouble();
                return field.Min is { } min && number < min ? Error(FormErrorCodes.Min, min)
                    : field.Max is { } top && number > top ? Error(FormErrorCodes.Max, top) : null;
            case "boolean":
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Error(FormErrorCodes.Boolean);
            case "date":
                return value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? null : Error(FormErrorCodes.Date);
            case "datetime":
                if (value.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
                {
                    return Error(FormErrorCodes.DateTime);
                }

                if (field.Future && context is not null && instant <= context.Now)
                {
                    return Error(FormErrorCodes.Future);
                }

                var minutes = field.DurationField is { } other && data.TryGetValue(other, out var length) && length.ValueKind == JsonValueKind.Number
                    && length.TryGetInt32(out var given) && given > 0 ? given : field.DurationMinutes ?? 0;
                return field.BusinessHours && context?.Calendar is { } calendar
                    && !calendar.IsWithinBusinessHours(instant, TimeSpan.FromMinutes(minutes))
                    ? Error(FormErrorCodes.BusinessHours, minutes) : null;
            default: // choice
                return value.ValueKind == JsonValueKind.String && (field.Options ?? []).Contains(value.GetString()!)
                    ? null : Error(FormErrorCodes.Choice, string.Join(", ", field.Options ?? []));
        }
    }
}

/// <summary>A condition on another field of the same form: <c>{"field": "decision", "equals": "another-date"}</c>.</summary>
public sealed record FieldCondition(string Field, string EqualsValue)
{
    /// <summary>The compared value (JSON name <c>equals</c>).</summary>
    [JsonPropertyName("equals")]
    public string EqualsValue { get; init; } = EqualsValue;

    /// <summary>Whether the submitted data meets the condition.</summary>
    public bool Holds(IReadOnlyDictionary<string, JsonElement> data) =>
        data is not null && data.TryGetValue(Field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == EqualsValue;
}

/// <summary>What validation may consult beyond the data: the clock and the business calendar.</summary>
public sealed record FormValidationContext(DateTimeOffset Now, Calendar.IWorkflowCalendar? Calendar);

/// <summary>One problem of submitted form data.</summary>
/// <param name="Field">The field.</param>
/// <param name="Code">A <see cref="FormErrorCodes"/> value.</param>
/// <param name="Argument">The limit or list the message names, if any.</param>
public sealed record FormError(string Field, string Code, string? Argument)
{
    /// <summary>English text, as the API answers it.</summary>
    public override string ToString() => Code switch
    {
        FormErrorCodes.UnknownField => $"{Field}: not a field of this form.",
        FormErrorCodes.Required => $"{Field}: required.",
        FormErrorCodes.Text => $"{Field}: must be text.",
        FormErrorCodes.MaxLength => $"{Field}: at most {Argument} characters.",
        FormErrorCodes.Integer => $"{Field}: must be a whole number.",
        FormErrorCodes.Number => $"{Field}: must be a number.",
        FormErrorCodes.Min => $"{Field}: must be at least {Argument}.",
        FormErrorCodes.Max => $"{Field}: must be at most {Argument}.",
        FormErrorCodes.Boolean => $"{Field}: must be true or false.",
        FormErrorCodes.Date => $"{Field}: must be a date (yyyy-MM-dd).",
        FormErrorCodes.DateTime => $"{Field}: must be a date and time (ISO 8601).",
        FormErrorCodes.Future => $"{Field}: must be in the future.",
        FormErrorCodes.Url => $"{Field}: must be an http(s) URL.",
        FormErrorCodes.BusinessHours => $"{Field}: must lie within business hours (business day, 10:00-19:00 JST) for {Argument} minutes.",
        _ => $"{Field}: must be one of: {Argument}.",
    };
}

/// <summary>Stable codes of form problems.</summary>
public static class FormErrorCodes
{
#pragma warning disable CS1591 // the names say it
    public const string UnknownField = "unknown-field";
    public const string Required = "required";
    public const string Text = "text";
    public const string MaxLength = "max-length";
    public const string Integer = "integer";
    public const string Number = "number";
    public const string Min = "min";
    public const string Max = "max";
    public const string Boolean = "boolean";
    public const string Date = "date";
    public const string DateTime = "datetime";
    public const string Future = "future";
    public const string BusinessHours = "business-hours";
    public const string Url = "url";
    public const string Choice = "choice";
#pragma warning restore CS1591
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

    /// <summary>For choice: labels of the values by language (value → {ja, en}).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? OptionLabels { get; init; }

    /// <summary>For datetime: must be later than now.</summary>
    public bool Future { get; init; }

    /// <summary>For datetime: the slot must lie within business hours (HOURS-1).</summary>
    public bool BusinessHours { get; init; }

    /// <summary>For datetime with <see cref="BusinessHours"/>: the length of the slot in minutes.</summary>
    public int? DurationMinutes { get; init; }

    /// <summary>For datetime with <see cref="BusinessHours"/>: another (integer) field that gives the slot's minutes.</summary>
    public string? DurationField { get; init; }

    /// <summary>For string: <c>url</c> (an absolute http or https URL).</summary>
    public string? Format { get; init; }

    /// <summary>Required only when another field has a given value (e.g. a comment when asking for another date).</summary>
    public FieldCondition? RequiredWhen { get; init; }

    /// <summary>Help text by language (ja, en).</summary>
    public IReadOnlyDictionary<string, string>? Help { get; init; }

    /// <summary>The label in the reader's language (falls back to the name).</summary>
    public string LabelIn(bool japanese) => In(Label, japanese) ?? Name;

    /// <summary>A choice's label in the reader's language (falls back to the value).</summary>
    public string OptionLabelIn(string option, bool japanese) => In(OptionLabels?.GetValueOrDefault(option), japanese) ?? option;

    /// <summary>The help text in the reader's language, if any.</summary>
    public string? HelpIn(bool japanese) => In(Help, japanese);

    private static string? In(IReadOnlyDictionary<string, string>? texts, bool japanese) =>
        texts is null ? null : texts.TryGetValue(japanese ? "ja" : "en", out var text) ? text : texts.Values.FirstOrDefault();
}
