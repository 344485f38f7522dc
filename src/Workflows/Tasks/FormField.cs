using System.Text.Json.Serialization;

namespace CloudpackPlus.Workflows.Tasks;

/// <summary>One field of a task form or of a service's apply form.</summary>
public sealed record FormField
{
    /// <summary>Field key in the submitted data.</summary>
    public required string Name { get; init; }

    /// <summary>string, text, integer, number, boolean, date, datetime, choice, list, account, terms, file.</summary>
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

    /// <summary>For choice: a named source of the options instead of <see cref="Options"/> (e.g. <c>training-topics</c>).</summary>
    public string? OptionsFrom { get; init; }

    /// <summary>For list: at least this many items.</summary>
    public int? MinItems { get; init; }

    /// <summary>For list: at most this many items (WEB-1: 15 actions).</summary>
    public int? MaxItems { get; init; }

    /// <summary>For file: at most this many files (1 to 5; default 1).</summary>
    public int? MaxFiles { get; init; }

    /// <summary>For terms: the id of the terms document to accept (its latest version).</summary>
    public string? Terms { get; init; }

    /// <summary>For date: the earliest date is this many business days after today (WEB-5: 20).</summary>
    public int? MinBusinessDaysAhead { get; init; }

    /// <summary>For date: must be a business day of the calendar (no weekend, public or company holiday).</summary>
    public bool BusinessDay { get; init; }

    /// <summary>
    /// For date with <see cref="MinBusinessDaysAhead"/>: count the business days from this date (yyyy-MM-dd, e.g. the
    /// application date written into a task form by a template) instead of from today.
    /// </summary>
    public string? BusinessDaysFrom { get; init; }

    /// <summary>For date: must not be before the date of this other field (the end of a period).</summary>
    public string? NotBeforeField { get; init; }

    /// <summary>For choice: labels of the values by language (value → {ja, en}).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? OptionLabels { get; init; }

    /// <summary>For boolean: an acknowledgement that must be checked (with <see cref="Required"/>, false is refused as missing).</summary>
    public bool MustBeTrue { get; init; }

    /// <summary>For datetime: must be later than now.</summary>
    public bool Future { get; init; }

    /// <summary>For datetime: the slot must lie within business hours (HOURS-1).</summary>
    public bool BusinessHours { get; init; }

    /// <summary>For datetime with <see cref="BusinessHours"/>: the length of the slot in minutes.</summary>
    public int? DurationMinutes { get; init; }

    /// <summary>For datetime with <see cref="BusinessHours"/>: another (integer) field that gives the slot's minutes.</summary>
    public string? DurationField { get; init; }

    /// <summary>
    /// For string, and for each item of a list: <c>url</c> (an absolute http or https URL) or <c>public-url</c> (the same,
    /// on a public host: no private, loopback or link-local address, no internal name; see <see cref="PublicTargets"/>)
    /// or <c>label-count</c> (<c>type: 3</c>, e.g. findings per vulnerability type).
    /// </summary>
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
