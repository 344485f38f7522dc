using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Applications;

/// <summary>What the application pages of both sides do: post to the conversation, complete a task from its form.</summary>
public sealed class ApplicationActions(ConversationService conversation, ITaskService tasks, TaskUploads uploads, IStringLocalizer<SharedResource> text)
{
    /// <summary>Posts a message; the refusal in the page's language, or null when posted.</summary>
    public async Task<string?> PostMessageAsync(Guid applicationId, Guid personId, bool fromStaff, string? body, IEnumerable<IFormFile>? files, CancellationToken cancellationToken)
    {
        var (uploads, error) = await PageHelpers.ReadUploadsAsync(files, text, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        try
        {
            await conversation.PostAsync(applicationId, personId, fromStaff, body, uploads, cancellationToken);
            return null;
        }
        catch (ProgrammeRuleException e)
        {
            return PortalCultures.MessageOf(e);
        }
    }

    /// <summary>Completes a task with the posted form; the refusals in the page's language (empty when done).</summary>
    public async Task<IReadOnlyList<string>> CompleteTaskAsync(WorkflowTask task, TaskActor actor, IFormCollection form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var schema = FormSchema.Parse(task.FormSchema);
        var (data, unreadable) = TaskForms.Read(schema, form);
        if (unreadable.Count > 0)
        {
            return unreadable.Select(e => TaskForms.Message(e, schema, text)).ToList();
        }

        // A form with file fields (e.g. a proposal PDF) is posted multipart; the files are stored with the application.
        var result = schema.Fields.Any(f => f.Type == "file")
            ? await uploads.CompleteAsync(task, actor, data, await ReadFilesAsync(form, cancellationToken), cancellationToken)
            : await tasks.CompleteAsync(task.Id, actor, data, cancellationToken);
        return result.Outcome switch
        {
            TaskCommandOutcome.Succeeded => [],
            TaskCommandOutcome.Invalid => result.FormErrors.Select(e => TaskForms.Message(e, schema, text)).ToList(),
            _ => [text[$"TaskOutcome.{result.Outcome}"]],
        };
    }

    private static async Task<List<ApplyUpload>> ReadFilesAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var files = new List<ApplyUpload>();
        foreach (var file in form.Files.Where(f => f.Name.StartsWith(TaskForms.Prefix, StringComparison.Ordinal) && f.Length > 0))
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, cancellationToken);
            files.Add(new ApplyUpload(file.Name[TaskForms.Prefix.Length..], file.FileName, content.ToArray()));
        }

        return files;
    }
}
