using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>The company's contracts: record one (type, start, end, maintenance scope) and record an end (ELIG-4 suspends when none qualifies).</summary>
public sealed partial class DetailsModel
{
    /// <summary>The longest maintenance scope text kept.</summary>
    public const int MaxScopeLength = 1000;

    public async Task<IActionResult> OnPostAddContractAsync(Guid id, ContractType? type, DateOnly? startsOn, DateOnly? endsOn, string? maintenanceScope, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(Reload(id, cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        var scope = string.IsNullOrWhiteSpace(maintenanceScope) ? null : maintenanceScope.Trim();
        if (type is not { } contractType || !Enum.IsDefined(contractType) || startsOn is not { } start || scope?.Length > MaxScopeLength)
        {
            return await RefuseAsync(text["Console.Contract.Invalid", MaxScopeLength], StatusCodes.Status400BadRequest, Reload(id, cancellationToken));
        }

        return await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "company.contract-recorded", id, async () =>
        {
            var contract = await enrolment.RecordContractAsync(id, contractType, start, endsOn, StaffId, cancellationToken);
            if (scope is not null)
            {
                var row = await core.Contracts.SingleAsync(c => c.Id == contract.Id, cancellationToken);
                row.MaintenanceScope = scope;
                await core.SaveChangesAsync(cancellationToken);
            }

            return $"{contractType} {start:yyyy-MM-dd}..{endsOn:yyyy-MM-dd}";
        }, cancellationToken), "Console.Contract.Recorded", Reload(id, cancellationToken), new { id });
    }

    public async Task<IActionResult> OnPostEndContractAsync(Guid id, Guid contractId, DateOnly? endsOn, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(Reload(id, cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        // Another company's contract id is "not found" here, whatever exists elsewhere.
        if (!await core.Contracts.AnyAsync(c => c.Id == contractId && c.CompanyId == id, cancellationToken))
        {
            return NotFound();
        }

        if (endsOn is not { } end)
        {
            return await RefuseAsync(text["Console.Contract.Invalid", MaxScopeLength], StatusCodes.Status400BadRequest, Reload(id, cancellationToken));
        }

        return await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "company.contract-ended", id, async () =>
        {
            await enrolment.EndContractAsync(contractId, end, StaffId, cancellationToken);
            return $"{contractId} ends {end:yyyy-MM-dd}";
        }, cancellationToken), "Console.Contract.Ended", Reload(id, cancellationToken), new { id });
    }

    /// <summary>The eligibility reasons in the reader's language (ELIG-2: every reason, not the first).</summary>
    public IEnumerable<string> EligibilityReasons =>
        Eligibility.Issues.Select(i => PortalCultures.IsJapanese ? EligibilityMessages.Ja(i) : EligibilityMessages.En(i));
}
