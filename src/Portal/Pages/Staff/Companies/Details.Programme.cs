using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>The company's programme standing: its fields, its CSMs, enrolment, suspension and reinstatement.</summary>
public sealed partial class DetailsModel
{
    /// <summary>Changes the application form's fields (xmin-checked: an edit in between answers 409).</summary>
    public async Task<IActionResult> OnPostEditAsync(Guid id, [FromForm(Name = "Form")] CompanyFields form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return await RefuseUnboundAsync(Reload(id, cancellationToken))
            ?? await ChangeAsync(() => companies.UpdateAsync(id, form.ToForm(), form.Version, StaffId, cancellationToken), "Console.Company.Saved", Reload(id, cancellationToken), new { id });
    }

    /// <summary>Sets the owning CSM and the backup; audited with before and after.</summary>
    public async Task<IActionResult> OnPostAssignCsmsAsync(Guid id, Guid? owner, Guid? backup, uint version, CancellationToken cancellationToken)
    {
        return await RefuseUnboundAsync(Reload(id, cancellationToken))
            ?? await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "company.csms-assigned", id, async () =>
            {
                var before = await companies.AssignCsmsAsync(id, owner, backup, version, StaffId, cancellationToken);
                return $"owner: {before.Owner?.ToString() ?? "-"} -> {owner?.ToString() ?? "-"}; backup: {before.Backup?.ToString() ?? "-"} -> {backup?.ToString() ?? "-"}";
            }, cancellationToken), "Console.Csm.Assigned", Reload(id, cancellationToken), new { id });
    }

    /// <summary>
    /// ELIG-1/2, ONB-1: enrols the company (refused with every reason when not eligible) and issues the
    /// representative to the application form's e-mail, who gets the temporary password by mail.
    /// </summary>
    public async Task<IActionResult> OnPostEnrolAsync(Guid id, string? representativeName, CancellationToken cancellationToken)
    {
        if (!await Load(id, cancellationToken))
        {
            return NotFound();
        }

        var email = Company.RepresentativeEmail;
        var name = representativeName?.Trim();
        var needsRepresentative = !Users.Any(u => u.Role == PersonRole.Representative);
        if (needsRepresentative && (email is null || string.IsNullOrEmpty(name) || name.Length > 200))
        {
            return await RefuseAsync(text["Console.Enrol.NeedsRepresentative"], StatusCodes.Status400BadRequest, Reload(id, cancellationToken));
        }

        var enrolled = await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "company.enrolled", id, async () =>
        {
            var assignment = await enrolment.EnrolAsync(id, null, null, StaffId, cancellationToken);
            return $"rank={assignment.Rank}";
        }, cancellationToken), "Console.Enrol.Done", Reload(id, cancellationToken), new { id });
        if (enrolled is not RedirectToPageResult || !needsRepresentative)
        {
            return enrolled;
        }

        // ONB-1: the representative is issued once the company is enrolled (the account service's own transaction).
        var issued = await accounts.IssueAsync(new NewAccount(id, email!, name!, PersonRole.Representative, PortalCultures.Current), PageActor.Of(User), cancellationToken);
        return await Done(issued, "Console.Enrol.DoneIssued", id);
    }

    /// <summary>ELIG-4: suspends the company by hand (read-only from now on, nothing deleted).</summary>
    public async Task<IActionResult> OnPostSuspendAsync(Guid id, uint version, CancellationToken cancellationToken) =>
        await RefuseUnboundAsync(Reload(id, cancellationToken))
            ?? await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "company.suspended", id, async () =>
            {
                await companies.SuspendAsync(id, version, StaffId, cancellationToken);
                return null;
            }, cancellationToken), "Console.Suspend.Done", Reload(id, cancellationToken), new { id });

    /// <summary>ELIG-4: reinstates a suspended company once it holds a qualifying contract again (the eligibility check decides).</summary>
    public async Task<IActionResult> OnPostReinstateAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await Load(id, cancellationToken))
        {
            return NotFound();
        }

        if (Company.Status != CompanyStatus.Suspended)
        {
            return await RefuseAsync(text["Console.Reinstate.NotSuspended"], StatusCodes.Status409Conflict, Reload(id, cancellationToken));
        }

        return await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "company.reinstated", id, async () =>
        {
            var assignment = await enrolment.EnrolAsync(id, null, null, StaffId, cancellationToken);
            return $"rank={assignment.Rank}";
        }, cancellationToken), "Console.Reinstate.Done", Reload(id, cancellationToken), new { id });
    }
}
