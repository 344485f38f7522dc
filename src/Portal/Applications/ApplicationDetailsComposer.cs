using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Applications;

/// <summary>
/// Builds an application's page from its parts (<see cref="ApplicationDetailParts"/>), however they were read: by
/// <see cref="ApplicationDetailsLoader"/> through the services, or by <see cref="CustomerApplicationPage"/>'s one batch
/// (issue #17), which then needs nothing but this and the localizer per request.
/// </summary>
public sealed class ApplicationDetailsComposer(IStringLocalizer<SharedResource> text)
{
    /// <summary>The page from its parts, read by <see cref="ApplicationDetailsLoader.LoadAsync"/> or by a customer page's batch (issue #17).</summary>
    public ApplicationDetails Compose(ApplicationDetailParts parts, ApplyFormView? form)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var application = parts.Application;
        return new ApplicationDetails(
            application, parts.Service, parts.CompanyName, parts.Names.GetValueOrDefault(application.AppliedBy, ""),
            application.CsmId is { } csm ? parts.Names.GetValueOrDefault(csm) : null, AskedFor(application.Details, form),
            ApplicationTimeline.Build(parts.Events, parts.Journal, parts.Tasks, parts.Names, text),
            parts.Tasks.Where(t => t.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed).ToList(), parts.Conversation)
        {
            Files = parts.Files,
        };
    }

    /// <summary>The apply form's fields the application answered (a value other than null): the ones whose options the page needs.</summary>
    public static IReadOnlySet<string> Answered(string details)
    {
        using var document = JsonDocument.Parse(details);
        return document.RootElement.ValueKind != JsonValueKind.Object ? new HashSet<string>()
            : document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What the customer asked for, by the apply form's labels (choices by their option's label).</summary>
    private List<(string, string)> AskedFor(string details, ApplyFormView? form)
    {
        var asked = new List<(string, string)>();
        using var document = JsonDocument.Parse(details);
        if (form is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return asked;
        }

        var japanese = PortalCultures.IsJapanese;
        foreach (var field in form.Schema.Fields)
        {
            // Uploaded files are listed with download links, and accepted terms in their own row (the recorded version), not as text here.
            if (field.Type is "file" or "terms" || !document.RootElement.TryGetProperty(field.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var option = value.ValueKind == JsonValueKind.String ? form.OptionsOf(field).FirstOrDefault(o => o.Value == value.GetString()) : null;
            asked.Add((field.LabelIn(japanese), option?.LabelIn(japanese) ?? TaskForms.Display(field, value, text)));
        }

        return asked;
    }
}
