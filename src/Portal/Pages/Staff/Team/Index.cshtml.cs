using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Staff.Team;

/// <summary>A staff member and how many companies they own and back up.</summary>
public sealed record TeamLine(Person Person, int Owned, int BackedUp);

/// <summary>
/// Staff console: who is in the team and who is away. A CSM marks themselves away (their companies'
/// new work routes to the backups); a CSM lead or admin may mark anyone. Audited.
/// </summary>
public sealed class IndexModel(CoreDbContext db, CompanyAdminService companies, StaffAudit audit) : StaffPageModel
{
    public IReadOnlyList<TeamLine> Lines { get; private set; } = [];

    /// <summary>Leads and admins manage everyone's absence.</summary>
    public bool ManagesTeam => User.IsInRole(PortalRoles.CsmLead) || User.IsInRole(PortalRoles.Admin);

    public Guid Me => StaffId;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await Load(cancellationToken);

    public async Task<IActionResult> OnPostAwayAsync(Guid personId, bool away, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(() => Load(cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        if (personId != StaffId && !ManagesTeam)
        {
            return Forbid();
        }

        return await ChangeAsync(() => audit.RunAsync(Pages.PageActor.Of(User), away ? "staff.away" : "staff.back", null, async () =>
        {
            await companies.SetAwayAsync(personId, away, StaffId, cancellationToken);
            return personId.ToString();
        }, cancellationToken), away ? "Console.Team.MarkedAway" : "Console.Team.MarkedBack", () => Load(cancellationToken));
    }

    private async Task<bool> Load(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var staff = await companies.StaffAsync(cancellationToken);
        var owned = await db.Companies.Where(c => c.OwningCsmId != null).GroupBy(c => c.OwningCsmId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var backed = await db.Companies.Where(c => c.BackupCsmId != null).GroupBy(c => c.BackupCsmId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Lines = staff.Select(p => new TeamLine(p, owned.GetValueOrDefault(p.Id), backed.GetValueOrDefault(p.Id))).ToList();
        return true;
    }
}
