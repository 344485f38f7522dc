using System.Text.Json;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.Applications;

/// <summary>
/// Completes a task of an application's workflow whose form has <c>file</c> fields (e.g. the CSM's proposal upload
/// in COST-C/SEC-C): the uploads are checked like apply-form files, stored with the application, and the field's value
/// becomes their descriptions. When the completion is refused the stored files are removed again (nothing half-saved).
/// </summary>
public sealed class TaskUploads(CoreDbContext db, ITaskService tasks)
{
    /// <summary>Stores the uploads of the task's file fields and completes the task; the files are removed again when the completion is refused.</summary>
    public async Task<TaskCommandResult> CompleteAsync(WorkflowTask task, TaskActor actor, Dictionary<string, JsonElement> data,
        IReadOnlyList<ApplyUpload> uploads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(data);
        var schema = FormSchema.Parse(task.FormSchema);
        var application = await db.Applications.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.WorkflowInstanceId == task.InstanceId).Select(a => new { a.Id, a.CompanyId }).SingleOrDefaultAsync(cancellationToken);
        if (application is null)
        {
            return new TaskCommandResult(TaskCommandOutcome.NotFound, ["The task belongs to no application."]);
        }

        var (files, errors) = ApplyUploads.Prepare(schema, data, uploads, application.CompanyId);
        errors.AddRange(schema.Check(data, null).Where(e => errors.All(u => u.Field != e.Field) && e.Code is FormErrorCodes.Required or FormErrorCodes.MaxFiles or FormErrorCodes.File));
        if (errors.Count > 0)
        {
            return new TaskCommandResult(TaskCommandOutcome.Invalid, errors.Select(e => e.ToString()).ToList()) { FormErrors = errors };
        }

        foreach (var file in files)
        {
            db.ApplicationFiles.Add(new ApplicationFile
            {
                Id = file.Id, ApplicationId = application.Id, CompanyId = application.CompanyId, Field = file.Field, FileName = file.FileName,
                ContentType = file.ContentType, Size = file.Size, Sha256 = file.Sha256, Content = file.Content,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        var result = await tasks.CompleteAsync(task.Id, actor, data, cancellationToken);
        if (result.Outcome != TaskCommandOutcome.Succeeded && files.Count > 0)
        {
            var ids = files.Select(f => f.Id).ToList();
            await db.ApplicationFiles.IgnoreQueryFilters().Where(f => ids.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return result;
    }
}
