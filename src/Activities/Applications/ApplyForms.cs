using System.Text.Json;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Terms;
using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Activities.Applications;

/// <summary>
/// A service's apply form resolved for one company: the schema, the options of its <c>optionsFrom</c> and
/// <c>account</c> fields, the terms to accept and the validation context. The page renders it and the desk
/// checks the posted data against the same thing.
/// </summary>
/// <param name="Service">The catalogue entry.</param>
/// <param name="Schema">Its apply form.</param>
/// <param name="Context">What validation consults (clock, calendar, resolved options, terms versions).</param>
/// <param name="Options">Resolved options by field name.</param>
/// <param name="Terms">The latest version of each terms document the form names, by terms id.</param>
public sealed record ApplyFormView(CatalogueEntry Service, FormSchema Schema, FormValidationContext Context,
    IReadOnlyDictionary<string, IReadOnlyList<FormOption>> Options, IReadOnlyDictionary<string, TermsDocument> Terms)
{
    /// <summary>The form's version (<see cref="ApplyFormVersion"/>); an application records the one it was made under.</summary>
    public int? Version { get; init; }

    /// <summary>The earliest date a date field accepts (shown on the form), if it has a business-days rule.</summary>
    public DateOnly? EarliestDate(FormField field) => FormSchema.EarliestDate(field, Context);

    /// <summary>The options of a field: resolved ones, else the schema's.</summary>
    public IReadOnlyList<FormOption> OptionsOf(FormField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Options.TryGetValue(field.Name, out var resolved) ? resolved
            : (field.Options ?? []).Select(o => new FormOption(o, field.OptionLabelIn(o, true), field.OptionLabelIn(o, false))).ToList();
    }
}

/// <summary>Resolves and validates services' apply forms (the form language of human tasks, plus option sources and terms).</summary>
public sealed class ApplyForms(IEnumerable<IFormOptionSource> sources, TermsService terms, CatalogueService catalogue, IWorkflowCalendar calendar, TimeProvider clock)
{
    /// <summary>
    /// Every problem of a form schema an admin posts, as (field, rule) pairs; empty when it can be used:
    /// it parses, and every <c>optionsFrom</c> names a known source.
    /// </summary>
    public IReadOnlyList<(string Field, string Problem)> Problems(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        FormSchema schema;
        try
        {
            schema = FormSchema.Parse(json);
        }
        catch (FormatException e)
        {
            return [("applyForm", e.Message)];
        }

        var known = sources.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return schema.Fields.Where(f => f.OptionsFrom is { } from && !known.Contains(from))
            .Select(f => ($"applyForm.{f.Name}", $"unknown option source '{f.OptionsFrom}' (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})."))
            .ToList();
    }

    /// <summary>The service's published form for the company; null when the service has no apply form.</summary>
    public Task<ApplyFormView?> LoadAsync(CatalogueEntry service, Guid companyId, CancellationToken cancellationToken = default) =>
        LoadAsync(service, companyId, service?.FormVersion, cancellationToken);

    /// <summary>
    /// The form of version <paramref name="version"/> (the one an application was made under; null = the published one)
    /// for the company; null when there is no form.
    /// </summary>
    public async Task<ApplyFormView?> LoadAsync(CatalogueEntry service, Guid companyId, int? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var json = await catalogue.FormOfVersionAsync(service, version, cancellationToken);
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        var schema = FormSchema.Parse(json);
        var options = new Dictionary<string, IReadOnlyList<FormOption>>(StringComparer.Ordinal);
        var documents = new Dictionary<string, TermsDocument>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            var sourceName = field.Type == "account" ? IFormOptionSource.AccountSource : field.OptionsFrom;
            if (sourceName is not null)
            {
                var source = sources.FirstOrDefault(s => s.Name == sourceName);
                options[field.Name] = source is null ? [] : await source.ListAsync(companyId, cancellationToken);
            }

            if (field.Type == "terms" && !documents.ContainsKey(field.Terms!) && await terms.LatestAsync(field.Terms!, cancellationToken) is { } document)
            {
                documents[field.Terms!] = document;
            }
        }

        var context = new FormValidationContext(clock.GetUtcNow(), calendar)
        {
            Options = options.ToDictionary(o => o.Key, o => (IReadOnlyList<string>)o.Value.Select(v => v.Value).ToList(), StringComparer.Ordinal),
            TermsVersions = documents.ToDictionary(d => d.Key, d => d.Value.Version, StringComparer.Ordinal),
        };
        return new ApplyFormView(service, schema, context, options, documents) { Version = version ?? service.FormVersion };
    }

    /// <summary>
    /// The form an application was made under, to read its answers back (issue #17: the application page): the schema
    /// <paramref name="json"/> its page already read, options resolved only for the fields in <paramref name="answered"/>
    /// (each source once; a source in <paramref name="prefetched"/> is not asked), no terms documents (accepted terms are
    /// shown from the application's own record).
    /// </summary>
    public async Task<ApplyFormView?> ForReadingAsync(CatalogueEntry service, string? json, int? version, Guid companyId,
        IReadOnlySet<string> answered, IReadOnlyDictionary<string, IReadOnlyList<FormOption>>? prefetched = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(answered);
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        var schema = FormSchema.ParseStored(json);
        var bySource = new Dictionary<string, IReadOnlyList<FormOption>>(StringComparer.Ordinal);
        foreach (var sourceName in SourcesFor(schema, answered))
        {
            var source = sources.FirstOrDefault(s => s.Name == sourceName);
            bySource[sourceName] = prefetched is not null && prefetched.TryGetValue(sourceName, out var read) ? read
                : source is null ? [] : await source.ListAsync(companyId, cancellationToken);
        }

        return Reading(service, schema, version, answered, bySource, new FormValidationContext(clock.GetUtcNow(), calendar));
    }

    /// <summary>The option sources that the fields in <paramref name="answered"/> take their options from, each once.</summary>
    public static IReadOnlyList<string> SourcesFor(FormSchema schema, IReadOnlySet<string> answered)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(answered);
        return schema.Fields.Where(f => answered.Contains(f.Name))
            .Select(f => f.Type == "account" ? IFormOptionSource.AccountSource : f.OptionsFrom)
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The form of <see cref="ForReadingAsync"/> from options already read (<paramref name="bySource"/>: each source's
    /// options; a source missing from it gives no options, and its answers show as stored).
    /// </summary>
    public static ApplyFormView Reading(CatalogueEntry service, FormSchema schema, int? version, IReadOnlySet<string> answered,
        IReadOnlyDictionary<string, IReadOnlyList<FormOption>> bySource, FormValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(answered);
        ArgumentNullException.ThrowIfNull(bySource);
        ArgumentNullException.ThrowIfNull(context);
        var options = new Dictionary<string, IReadOnlyList<FormOption>>(StringComparer.Ordinal);
        foreach (var field in schema.Fields.Where(f => answered.Contains(f.Name)))
        {
            if ((field.Type == "account" ? IFormOptionSource.AccountSource : field.OptionsFrom) is { } sourceName)
            {
                options[field.Name] = bySource.TryGetValue(sourceName, out var list) ? list : [];
            }
        }

        var readContext = context with
        {
            Options = options.ToDictionary(o => o.Key, o => (IReadOnlyList<string>)o.Value.Select(v => v.Value).ToList(), StringComparer.Ordinal),
        };
        return new ApplyFormView(service, schema, readContext, options, new Dictionary<string, TermsDocument>(StringComparer.Ordinal)) { Version = version ?? service.FormVersion };
    }

    /// <summary>
    /// The workflow's input from valid form data: each field's value, and for a field with resolved options
    /// also <c>&lt;name&gt;Option</c> = the chosen option's label and attributes (e.g. <c>topicOption.durationMinutes</c>).
    /// </summary>
    public static Dictionary<string, object?> Input(ApplyFormView form, IReadOnlyDictionary<string, JsonElement> data)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(data);
        var input = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in form.Schema.Fields)
        {
            if (!data.TryGetValue(field.Name, out var value))
            {
                continue;
            }

            input[field.Name] = Workflows.Runtime.PlainValues.FromJson(value);
            if (form.Options.TryGetValue(field.Name, out var options) && value.ValueKind == JsonValueKind.String
                && options.FirstOrDefault(o => o.Value == value.GetString()) is { } chosen)
            {
                var option = new Dictionary<string, object?>(chosen.Attributes ?? new Dictionary<string, object?>()) { ["value"] = chosen.Value, ["label"] = chosen.LabelJa, ["labelEn"] = chosen.LabelEn };
                input[field.Name + "Option"] = option;
            }
        }

        return input;
    }
}

/// <summary>The posted apply form was refused; <see cref="Errors"/> has a coded problem per field.</summary>
public sealed class FormRejectedException : Core.Errors.ProgrammeRuleException
{
    /// <summary>Refuses the form with its problems.</summary>
    public FormRejectedException(IReadOnlyList<FormError> errors)
        : base("form_invalid", "入力内容に誤りがあります: " + string.Join(" ", errors ?? []), "The form has problems: " + string.Join(" ", errors ?? [])) =>
        Errors = errors ?? [];

    /// <summary>Refuses the form without details.</summary>
    public FormRejectedException()
        : this([])
    {
    }

    /// <summary>Refuses the form with a message.</summary>
    public FormRejectedException(string message)
        : base("form_invalid", message, message) => Errors = [];

    /// <summary>Refuses the form with a message and its cause.</summary>
    public FormRejectedException(string message, Exception inner)
        : base(message, inner) => Errors = [];

    /// <summary>Every problem, with its code.</summary>
    public IReadOnlyList<FormError> Errors { get; }
}
