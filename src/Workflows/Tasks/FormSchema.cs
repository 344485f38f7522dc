using System.Globalization;
using System.Text.Json;

namespace CloudpackPlus.Workflows.Tasks;

/// <summary>
/// The form language of human tasks and of services' apply forms: typed fields with validation. Types:
/// string, text, integer, number, boolean, date, datetime, choice (fixed options or <c>optionsFrom</c> a
/// named source), list (of strings, <c>minItems</c>/<c>maxItems</c>), account (one of the company's linked
/// AWS accounts), terms (acceptance of the latest version of a terms document), file (uploads, at most <c>maxFiles</c>; the
/// submitted value is the list of stored files' descriptions, written by the server, never the bytes). Unknown submitted fields
/// are refused; every refusal has a <see cref="FormErrorCodes"/> code.
/// </summary>
public sealed record FormSchema(IReadOnlyList<FormField> Fields)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    /// <summary>The most files one file field may take.</summary>
    public const int MaxFilesLimit = 5;

    /// <summary>The <c>label-count</c> format: <c>label: 12</c> (also <c>=</c> or a full-width colon).</summary>
    private static readonly System.Text.RegularExpressions.Regex LabelCount = new(@"^(.{1,200}?)\s*[:=：]\s*(\d{1,6})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly HashSet<string> Types = ["string", "text", "integer", "number", "boolean", "date", "datetime", "choice", "list", "account", "terms", "file"];

    /// <summary>Schemas read by <see cref="ParseStored"/>, by their JSON.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, FormSchema> Stored = new(StringComparer.Ordinal);

    /// <summary>The most schemas <see cref="ParseStored"/> keeps (it starts over when full).</summary>
    private const int StoredLimit = 256;

    /// <summary>
    /// <see cref="Parse"/> for a schema stored with a task or a published apply form version, which never changes and is read
    /// on every view of its page: parsed once per process and shared (a schema is immutable). Issue #17: parsing was 2 % of
    /// the host's CPU on the customer's application page.
    /// </summary>
    public static FormSchema ParseStored(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Stored.TryGetValue(json, out var schema))
        {
            return schema;
        }

        schema = Parse(json);
        if (Stored.Count >= StoredLimit)
        {
            Stored.Clear();
        }

        Stored[json] = schema;
        return schema;
    }

    /// <summary>Reads a schema; throws <see cref="FormatException"/> naming the field and the rule broken.</summary>
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

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            if (field is null || string.IsNullOrWhiteSpace(field.Name) || !Types.Contains(field.Type))
            {
                throw new FormatException($"Form field '{field?.Name}' has unknown type '{field?.Type}' (allowed: {string.Join(", ", Types)}).");
            }

            if (!names.Add(field.Name))
            {
                throw new FormatException($"Form field '{field.Name}' appears twice.");
            }

            if (Problem(field) is { } problem)
            {
                throw new FormatException($"Form field '{field.Name}': {problem}");
            }
        }

        return schema;
    }

    private static string? Problem(FormField field) => field.Type switch
    {
        "choice" when (field.Options is null || field.Options.Count == 0) && string.IsNullOrWhiteSpace(field.OptionsFrom) => "a choice needs 'options' or 'optionsFrom'.",
        "terms" when string.IsNullOrWhiteSpace(field.Terms) => "a terms field needs 'terms' (the terms document's id).",
        "list" when field.MinItems < 0 || field.MaxItems < 1 || field.MinItems > field.MaxItems => "'minItems' must be 0 or more and not above 'maxItems' (at least 1).",
        "file" when field.MaxFiles is < 1 or > MaxFilesLimit => $"'maxFiles' must be 1 to {MaxFilesLimit}.",
        not "file" when field.MaxFiles is not null => "'maxFiles' is for file fields.",
        not "date" when field.MinBusinessDaysAhead is not null => "'minBusinessDaysAhead' is for date fields.",
        "date" when field.MinBusinessDaysAhead is < 0 or > 400 => "'minBusinessDaysAhead' must be 0 to 400.",
        not "date" when field.BusinessDay || field.BusinessDaysFrom is not null => "'businessDay' and 'businessDaysFrom' are for date fields.",
        "date" when field.BusinessDaysFrom is not null && (field.MinBusinessDaysAhead is null || ParseDate(field.BusinessDaysFrom) is null)
            => "'businessDaysFrom' needs 'minBusinessDaysAhead' and a date (yyyy-MM-dd).",
        not ("string" or "text" or "list") when field.Format is not null => "'format' is for string, text and list fields.",
        _ when field.Format is not (null or "url" or "public-url" or "label-count") => "'format' must be 'url', 'public-url' or 'label-count'.",
        _ => null,
    };

    /// <summary>The earliest date a date field accepts (business-days rule), in Japan, or null when the field has no such rule.</summary>
    public static DateOnly? EarliestDate(FormField field, FormValidationContext? context)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.MinBusinessDaysAhead is not { } days || context?.Calendar is not { } calendar)
        {
            return null;
        }

        // From a given date: count from noon that day in Japan (any time of day gives the same date).
        var from = ParseDate(field.BusinessDaysFrom) is { } start
            ? new DateTimeOffset(start.ToDateTime(new TimeOnly(12, 0)), Calendar.WeekdayCalendar.Tokyo.GetUtcOffset(start.ToDateTime(TimeOnly.MinValue)))
            : context.Now;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(calendar.AddBusinessDays(from, days), Calendar.WeekdayCalendar.Tokyo).Date);
    }

    /// <summary>Whether <paramref name="date"/> is a business day of <paramref name="calendar"/> (its hours hold noon JST).</summary>
    public static bool IsBusinessDay(Calendar.IWorkflowCalendar calendar, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var noon = date.ToDateTime(new TimeOnly(12, 0));
        return calendar.IsWithinBusinessHours(new DateTimeOffset(noon, Calendar.WeekdayCalendar.Tokyo.GetUtcOffset(noon)), TimeSpan.Zero);
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string FormatCode(string? format) => format switch
    {
        "public-url" => FormErrorCodes.PublicUrl,
        "label-count" => FormErrorCodes.LabelCount,
        _ => FormErrorCodes.Url,
    };

    private static bool FormatHolds(string? format, string text) => format switch
    {
        // A URL shown as a link must not be able to run script (javascript:, data:).
        "url" => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
        "public-url" => PublicTargets.IsPublicUrl(text),
        "label-count" => LabelCount.IsMatch(text.Trim()),
        _ => true,
    };

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
                || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0)
                || (field.Type == "terms" && value.ValueKind == JsonValueKind.False)
                // An acknowledgement (ACCT-1): an unchecked box is no answer.
                || (field.Type == "boolean" && field.MustBeTrue && value.ValueKind == JsonValueKind.False)
                || (field.Type is "list" or "file" && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0 && field.MinItems is null or 0))
            {
                if (field.Required || field.Type == "terms" || field.RequiredWhen?.Holds(data) == true)
                {
                    errors.Add(new(field.Name, field.Type == "terms" ? FormErrorCodes.TermsNotAccepted : FormErrorCodes.Required, null));
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

                return FormatHolds(field.Format, text) ? null : Error(FormatCode(field.Format));
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
                return CheckDate(field, value, data, context, Error);
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
            case "list":
                if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
                {
                    return Error(FormErrorCodes.List);
                }

                var count = value.GetArrayLength();
                return field.MaxItems is { } most && count > most ? Error(FormErrorCodes.MaxItems, most)
                    : field.MinItems is { } least && count < least ? Error(FormErrorCodes.MinItems, least)
                    : field.MaxLength is { } longest && value.EnumerateArray().Any(i => i.GetString()!.Length > longest) ? Error(FormErrorCodes.MaxLength, longest)
                    : value.EnumerateArray().FirstOrDefault(i => !FormatHolds(field.Format, i.GetString()!)) is { ValueKind: JsonValueKind.String } bad
                        ? Error(FormatCode(field.Format), bad.GetString())
                    : null;
            case "file":
                // The server writes this value from the stored uploads: a list of {id, fileName, size, contentType}.
                if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.Object))
                {
                    return Error(FormErrorCodes.File);
                }

                var files = field.MaxFiles ?? 1;
                return value.GetArrayLength() > files ? Error(FormErrorCodes.MaxFiles, files) : null;
            case "account":
                // ELIG-3: whatever the page showed, only an account linked to the company is accepted.
                return value.ValueKind == JsonValueKind.String && context?.OptionsFor(field) is { } accounts && accounts.Contains(value.GetString()!)
                    ? null : Error(FormErrorCodes.Account);
            case "terms":
                var latest = context?.TermsVersions?.GetValueOrDefault(field.Terms!);
                var accepted = value.ValueKind switch
                {
                    JsonValueKind.Number when value.TryGetInt32(out var v) => v,
                    JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
                    _ => (int?)null,
                };
                return latest is null ? Error(FormErrorCodes.TermsMissing)
                    : accepted != latest ? Error(FormErrorCodes.TermsChanged, latest) : null;
            default: // choice
                var options = field.OptionsFrom is null ? field.Options ?? [] : context?.OptionsFor(field) ?? [];
                return value.ValueKind == JsonValueKind.String && options.Contains(value.GetString()!)
                    ? null : Error(FormErrorCodes.Choice, field.OptionsFrom is null ? string.Join(", ", options) : null);
        }
    }

    private static FormError? CheckDate(FormField field, JsonElement value, IReadOnlyDictionary<string, JsonElement> data, FormValidationContext? context,
        Func<string, object?, FormError> error)
    {
        if (value.ValueKind != JsonValueKind.String || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return error(FormErrorCodes.Date, null);
        }

        if (EarliestDate(field, context) is { } earliest && date < earliest)
        {
            return error(FormErrorCodes.BusinessDaysAhead, earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (field.BusinessDay && context?.Calendar is { } calendar && !IsBusinessDay(calendar, date))
        {
            return error(FormErrorCodes.BusinessDay, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return field.NotBeforeField is { } other && data.TryGetValue(other, out var first) && first.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(first.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) && date < start
            ? error(FormErrorCodes.NotBefore, other) : null;
    }
}
