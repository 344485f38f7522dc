using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudpackPlus.Workflows.Tasks;

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

/// <summary>
/// What validation may consult beyond the data: the clock, the business calendar, the options of
/// <c>optionsFrom</c> choices and <c>account</c> fields resolved for this company (by field name), and the
/// latest version of each terms document the form names (by terms id).
/// </summary>
public sealed record FormValidationContext(DateTimeOffset Now, Calendar.IWorkflowCalendar? Calendar)
{
    /// <summary>Allowed values by field name, for fields whose options are not in the schema.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Options { get; init; }

    /// <summary>Latest version by terms id.</summary>
    public IReadOnlyDictionary<string, int>? TermsVersions { get; init; }

    /// <summary>The resolved options of a field, or null.</summary>
    public IReadOnlyList<string>? OptionsFor(FormField field) =>
        field is not null && Options is not null && Options.TryGetValue(field.Name, out var options) ? options : null;
}

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
        FormErrorCodes.BusinessDaysAhead => $"{Field}: must be {Argument} or later (business days ahead).",
        FormErrorCodes.NotBefore => $"{Field}: must not be before {Argument}.",
        FormErrorCodes.List => $"{Field}: must be a list of texts.",
        FormErrorCodes.MaxItems => $"{Field}: at most {Argument} items.",
        FormErrorCodes.MinItems => $"{Field}: at least {Argument} items.",
        FormErrorCodes.Account => $"{Field}: not an AWS account linked to your company.",
        FormErrorCodes.TermsNotAccepted => $"{Field}: the terms must be accepted.",
        FormErrorCodes.TermsChanged => $"{Field}: the terms changed (now version {Argument}); read and accept them again.",
        FormErrorCodes.TermsMissing => $"{Field}: the terms document is not published.",
        FormErrorCodes.PublicUrl => $"{Field}: must be an http(s) URL on a public host (no private, loopback or link-local address, no internal name){(Argument is null ? "" : $": {Argument}")}.",
        FormErrorCodes.LabelCount => $"{Field}: each line must be 'type: count'{(Argument is null ? "" : $" (not: {Argument})")}.",
        FormErrorCodes.BusinessDay => $"{Field}: {Argument} is not a business day.",
        FormErrorCodes.File => $"{Field}: must be uploaded files.",
        FormErrorCodes.MaxFiles => $"{Field}: at most {Argument} files.",
        FormErrorCodes.FileEmpty => $"{Field}: {Argument} is empty.",
        FormErrorCodes.FileTooLarge => $"{Field}: {Argument} is larger than 10 MB.",
        FormErrorCodes.FileType => $"{Field}: {Argument} is not an allowed file type.",
        FormErrorCodes.FileContent => $"{Field}: the content of {Argument} does not match its file type.",
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
    public const string BusinessDaysAhead = "business-days-ahead";
    public const string NotBefore = "not-before";
    public const string List = "list";
    public const string MaxItems = "max-items";
    public const string MinItems = "min-items";
    public const string Account = "account";
    public const string TermsNotAccepted = "terms-not-accepted";
    public const string TermsChanged = "terms-changed";
    public const string TermsMissing = "terms-missing";
    public const string File = "file";
    public const string MaxFiles = "max-files";
    public const string FileEmpty = "file-empty";
    public const string FileTooLarge = "file-too-large";
    public const string FileType = "file-type";
    public const string FileContent = "file-content";
    public const string PublicUrl = "public-url";
    public const string BusinessDay = "business-day";
    public const string LabelCount = "label-count";
#pragma warning restore CS1591
}
