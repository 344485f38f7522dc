using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.WebScan;

/// <summary>An application as its partner engineer sees it: the hearing sheet, never anything else of the company.</summary>
public sealed record PartnerApplication(Guid Id, string Number, string ServiceId, ApplicationStatus Status, DateTimeOffset AppliedAt,
    DateTimeOffset? ScheduledAt, string CompanyName, string Details, Guid WorkflowInstanceId, Guid CompanyId, int? ApplyFormVersion = null);

/// <summary>
/// WEB-L: the partner engineer's data filter. Every read goes through the assignment table: a partner sees the
/// applications assigned to it (404 for any other id) and their own tasks; it has no company, so Core's tenant filter
/// shows it nothing else. Task forms with <c>file</c> fields (the report) are completed here with their uploads.
/// </summary>
public sealed class PartnerDesk(CoreDbContext db, ITaskService tasks)
{
    /// <summary>The applications assigned to the partner, newest first.</summary>
    public async Task<IReadOnlyList<PartnerApplication>> ListAsync(Guid partnerId, CancellationToken cancellationToken = default)
    {
        await RequirePartnerAsync(partnerId, cancellationToken);
        return await Assigned(partnerId).ToListAsync(cancellationToken);
    }

    /// <summary>One page of the applications assigned to the partner, newest first, narrowed by a search in the number and the customer's name.</summary>
    public async Task<Paged<PartnerApplication>> PageAsync(Guid partnerId, string? search, int page, int pageSize = Paging.ListPageSize, CancellationToken cancellationToken = default)
    {
        await RequirePartnerAsync(partnerId, cancellationToken);
        var pattern = Paging.Term(search) is { } term ? Paging.ContainsPattern(term) : null;
        return await Paging.OfAsync(Assigned(partnerId, pattern: pattern), page, pageSize, cancellationToken);
    }

    /// <summary>One assigned application; <see cref="NotFoundException"/> when it is not assigned to this partner.</summary>
    public async Task<PartnerApplication> GetAsync(Guid partnerId, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await RequirePartnerAsync(partnerId, cancellationToken);
        return await Assigned(partnerId, applicationId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("application", applicationId);
    }

    /// <summary>The partner's own tasks of an assigned application (open ones first).</summary>
    public async Task<IReadOnlyList<WorkflowTask>> TasksAsync(Guid partnerId, Guid applicationId, CancellationToken cancellationToken = default)
    {
        var application = await GetAsync(partnerId, applicationId, cancellationToken);
        var all = await tasks.ListForInstanceAsync(application.WorkflowInstanceId, cancellationToken);
        return all.Where(t => t.Assignee == partnerId.ToString()).OrderBy(t => t.Status == WorkflowTaskStatus.Completed).ToList();
    }

    /// <summary>The files of an assigned application (descriptions only).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Field, string FileName, long Size)>> FilesAsync(Guid partnerId, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await GetAsync(partnerId, applicationId, cancellationToken);
        var rows = await db.ApplicationFiles.IgnoreQueryFilters().AsNoTracking().Where(f => f.ApplicationId == applicationId).OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.Field, f.FileName, f.Size }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.Field, r.FileName, r.Size)).ToList();
    }

    /// <summary>The uploaded files of an assigned application (the report the partner uploaded, the apply form's files).</summary>
    public async Task<ApplicationFile?> FileAsync(Guid partnerId, Guid applicationId, Guid fileId, CancellationToken cancellationToken = default)
    {
        await GetAsync(partnerId, applicationId, cancellationToken);
        return await db.ApplicationFiles.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.ApplicationId == applicationId, cancellationToken);
    }

    /// <summary>The pre-work checklist of an assigned application (WEB-6), so the engineer knows the scan may start.</summary>
    public async Task<IReadOnlyList<Core.WebScan.ChecklistItem>> ChecklistAsync(Guid partnerId, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await GetAsync(partnerId, applicationId, cancellationToken);
        return await db.ChecklistItems.IgnoreQueryFilters().AsNoTracking().Where(i => i.ApplicationId == applicationId)
            .OrderBy(i => i.Checklist).ThenBy(i => i.Position).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Completes the partner's task with its form data and the files of its <c>file</c> fields: the files are checked
    /// like apply-form uploads and stored with the application; if the completion is refused, they are removed again.
    /// </summary>
    public async Task<TaskCommandResult> CompleteAsync(Guid partnerId, Guid applicationId, Guid taskId, Dictionary<string, JsonElement> data,
        IReadOnlyList<ApplyUpload> uploads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var application = await GetAsync(partnerId, applicationId, cancellationToken);
        var task = (await TasksAsync(partnerId, applicationId, cancellationToken)).SingleOrDefault(t => t.Id == taskId)
            ?? throw new NotFoundException("task", taskId);
        var schema = FormSchema.Parse(task.FormSchema);
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
                Id = file.Id, ApplicationId = applicationId, CompanyId = application.CompanyId, Field = file.Field, FileName = file.FileName,
                ContentType = file.ContentType, Size = file.Size, Sha256 = file.Sha256, Content = file.Content,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        var result = await tasks.CompleteAsync(taskId, new TaskActor(partnerId.ToString(), []), data, cancellationToken);
        if (result.Outcome != TaskCommandOutcome.Succeeded && files.Count > 0)
        {
            var ids = files.Select(f => f.Id).ToList();
            await db.ApplicationFiles.IgnoreQueryFilters().Where(f => ids.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return result;
    }

    private IQueryable<PartnerApplication> Assigned(Guid partnerId, Guid? applicationId = null, string? pattern = null) =>
        from assignment in db.PartnerAssignments
        where assignment.PartnerId == partnerId && (applicationId == null || assignment.ApplicationId == applicationId)
        join application in db.Applications.IgnoreQueryFilters() on assignment.ApplicationId equals application.Id
        join company in db.Companies.IgnoreQueryFilters() on application.CompanyId equals company.Id
        where pattern == null || EF.Functions.ILike(application.Number, pattern) || EF.Functions.ILike(company.Name, pattern)
        orderby application.AppliedAt descending, application.Id descending
        select new PartnerApplication(application.Id, application.Number, application.ServiceId, application.Status, application.AppliedAt,
            application.ScheduledAt, company.Name, application.Details, application.WorkflowInstanceId, application.CompanyId, application.ApplyFormVersion);

    private async Task RequirePartnerAsync(Guid partnerId, CancellationToken cancellationToken)
    {
        if (!await db.People.IgnoreQueryFilters().AnyAsync(p => p.Id == partnerId && p.Role == PersonRole.Partner, cancellationToken))
        {
            throw new ProgrammeRuleException("partner_only", "パートナー担当者のみ利用できます。", "For partner engineers only.");
        }
    }
}
