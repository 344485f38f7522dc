using System.Globalization;
using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Applications;

/// <summary>A task's form as a page renders it: the schema, the values to show, whether it can be submitted.</summary>
public sealed record TaskFormView(WorkflowTask Task, FormSchema Schema, IReadOnlyDictionary<string, string> Values, string Handler, bool Enabled)
{
    /// <summary>The fields as the shared partial renders them.</summary>
    public FormFieldsView Fields => new(Schema, Values, Task.Id.ToString("N"), null);
}

/// <summary>
/// The fields of any form in the form language (a task's form or a service's apply form), as the one shared
/// partial <c>_FormFields</c> renders them: the values to show, the id suffix that keeps ids unique on a page,
/// and, for apply forms, the resolved options, terms and earliest dates.
/// </summary>
public sealed record FormFieldsView(FormSchema Schema, IReadOnlyDictionary<string, string> Values, string IdSuffix, ApplyFormView? Apply)
{
    public string Value(string name) => Values.TryGetValue(name, out var v) ? v : "";

    public IReadOnlyList<FormOption> OptionsOf(FormField field) =>
        Apply?.OptionsOf(field) ?? (field?.Options ?? []).Select(o => new FormOption(o, field!.OptionLabelIn(o, true), field.OptionLabelIn(o, false))).ToList();

    public Core.Terms.TermsDocument? TermsOf(FormField field) =>
        field?.Terms is { } id && Apply is not null && Apply.Terms.TryGetValue(id, out var document) ? document : null;

    public DateOnly? EarliestDate(FormField field) => Apply?.EarliestDate(field);

    /// <summary>
    /// WEB-5: for a date field with <c>businessDay</c>, the closed days (weekends, public and company holidays) of the
    /// next 400 days from the earliest date, space-separated, for the date picker to grey out; null without a calendar.
    /// </summary>
    public string? ClosedDays(FormField field)
    {
        if (field is not { Type: "date", BusinessDay: true } || Apply?.Context is not { Calendar: { } calendar } context)
        {
            return null;
        }

        var from = EarliestDate(field) ?? CloudpackPlus.Core.Time.Tokyo.DateOf(context.Now);
        return string.Join(' ', Enumerable.Range(0, 400).Select(from.AddDays).Where(d => !FormSchema.IsBusinessDay(calendar, d))
            .Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    /// <summary>Refusals by field name, shown beside the field.</summary>
    public IReadOnlyDictionary<string, List<string>>? Errors { get; init; }

    /// <summary>The refusals of one field.</summary>
    public IReadOnlyList<string> ErrorsOf(string name) => Errors is not null && Errors.TryGetValue(name, out var messages) ? messages : [];
}

/// <summary>
/// Turns a task's form schema into HTML inputs and posted inputs back into typed form data.
/// Posted fields are named <c>f_&lt;name&gt;</c>; a datetime is entered in Japan time.
/// </summary>
public static class TaskForms
{
    public const string Prefix = "f_";

    private const string LocalDateTime = "yyyy-MM-dd'T'HH:mm";

    /// <summary>The values of a posted form as the fields show them again after a refusal.</summary>
    public static Dictionary<string, string> Posted(FormSchema schema, IFormCollection posted)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(posted);
        return schema.Fields.ToDictionary(f => f.Name, f => posted[Prefix + f.Name].ToString(), StringComparer.Ordinal);
    }

    /// <summary>The form with the task's prefilled values (or the values just posted, after a refusal).</summary>
    public static TaskFormView View(WorkflowTask task, string handler, bool enabled, IFormCollection? posted = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var schema = FormSchema.ParseStored(task.FormSchema);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (posted is not null)
        {
            foreach (var field in schema.Fields)
            {
                values[field.Name] = posted[Prefix + field.Name].ToString();
            }
        }
        else if (!string.IsNullOrEmpty(task.Prefill))
        {
            using var prefill = JsonDocument.Parse(task.Prefill);
            if (prefill.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in prefill.RootElement.EnumerateObject())
                {
                    values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }

        return new TaskFormView(task, schema, values, handler, enabled);
    }

    /// <summary>Reads posted inputs as the schema's types; what cannot be read becomes a refusal with a code.</summary>
    public static (Dictionary<string, JsonElement> Data, List<FormError> Errors) Read(FormSchema schema, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(form);
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var errors = new List<FormError>();
        foreach (var field in schema.Fields)
        {
            var raw = form[Prefix + field.Name].ToString().Trim();
            if (field.Type == "file")
            {
                continue; // posted as files, read by the page (multipart), checked by the desk
            }

            if (field.Type == "boolean")
            {
                data[field.Name] = JsonSerializer.SerializeToElement(raw is "true" or "on");
                continue;
            }

            if (field.Type == "list")
            {
                // One item per line; blank lines are not items.
                var items = raw.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
                if (items.Length > 0)
                {
                    data[field.Name] = JsonSerializer.SerializeToElement(items);
                }

                continue;
            }

            if (raw.Length == 0)
            {
                continue;
            }

            switch (field.Type)
            {
                case "integer" when long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole):
                    data[field.Name] = JsonSerializer.SerializeToElement(whole);
                    break;
                case "number" when double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    data[field.Name] = JsonSerializer.SerializeToElement(number);
                    break;
                case "integer" or "number":
                    errors.Add(new FormError(field.Name, field.Type == "integer" ? FormErrorCodes.Integer : FormErrorCodes.Number, null));
                    break;
                case "datetime" when DateTime.TryParseExact(raw, LocalDateTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local):
                    var instant = Tokyo.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
                    data[field.Name] = JsonSerializer.SerializeToElement(Tokyo.ToTokyo(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                    break;
                case "datetime":
                    errors.Add(new FormError(field.Name, FormErrorCodes.DateTime, null));
                    break;
                default:
                    data[field.Name] = JsonSerializer.SerializeToElement(raw);
                    break;
            }
        }

        return (data, errors);
    }

    /// <summary>A refusal in the reader's language, naming the field by its label.</summary>
    public static string Message(FormError error, FormSchema schema, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(text);
        var label = schema.Fields.FirstOrDefault(f => f.Name == error.Field)?.LabelIn(PortalCultures.IsJapanese) ?? error.Field;
        return text[$"FormError.{error.Code}", label, error.Argument ?? ""];
    }

    /// <summary>The value of a datetime input (Japan time) for an ISO instant, or for a value the form posted back.</summary>
    public static string LocalInput(string? iso)
    {
        // A refused form shows the posted value again: that is already Japan wall-clock time without an
        // offset, and parsing it as an instant would read it in the server's zone and shift it (UTC: +9h).
        if (DateTime.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local) && local.Kind == DateTimeKind.Unspecified)
        {
            return local.ToString(LocalDateTime, CultureInfo.InvariantCulture);
        }

        return DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? Tokyo.ToTokyo(instant).ToString(LocalDateTime, CultureInfo.InvariantCulture) : iso ?? "";
    }

    /// <summary>A submitted value as a reader sees it: dates in Japan time, choices by their label, yes/no.</summary>
    public static string Display(FormField field, JsonElement value, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(text);
        var japanese = PortalCultures.IsJapanese;
        return field.Type switch
        {
            "boolean" => value.ValueKind == JsonValueKind.True ? text["Common.Yes"] : text["Common.No"],
            "datetime" when value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                => PortalCultures.DateTime(instant),
            "date" when value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                => PortalCultures.Date(date),
            "choice" when value.ValueKind == JsonValueKind.String => field.OptionLabelIn(value.GetString()!, japanese),
            "list" when value.ValueKind == JsonValueKind.Array => string.Join("\n", value.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : i.GetRawText())),
            // Uploaded files are stored as [{id, fileName, size, contentType}]: the reader sees the names.
            "file" when value.ValueKind == JsonValueKind.Array => string.Join("\n", value.EnumerateArray()
                .Select(f => f.ValueKind == JsonValueKind.Object && f.TryGetProperty("fileName", out var name) ? name.GetString() : null)
                .Where(n => !string.IsNullOrEmpty(n))),
            "terms" => text["Form.TermsAccepted", value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()],
            _ => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(),
        };
    }
}
