using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Operations;
using CloudpackPlus.Workflows.Api;
using CloudpackPlus.Workflows.InstanceMigration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Instances;

/// <summary>
/// Instance migration for admins (issue #16): waiting instances of version N of a definition move to another version
/// (normally N+1) with an explicit node mapping. The dry run lists per instance what would happen and which positions
/// cannot be mapped; the migration runs only when every instance maps (all or nothing) and leaves an audit entry.
/// </summary>
[Authorize(Policy = PortalRoles.AdminPolicy)]
public sealed class MigrateModel(InstanceMigrator migrator, InstanceList list, ITaskActorResolver actors, StaffAudit audit, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string AuditAction = "workflow.instances.migrate";
    private const int MaxMappingChars = 20_000;

    [BindProperty] public string? DefinitionId { get; set; }

    [BindProperty] public int? FromVersion { get; set; }

    [BindProperty] public int? ToVersion { get; set; }

    /// <summary>One mapping per line: <c>old-node = new-node</c>.</summary>
    [BindProperty] public string? Mapping { get; set; }

    public IReadOnlyList<string> Definitions { get; private set; } = [];

    public MigrationPlan? Plan { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Definitions = await list.DefinitionIdsAsync(cancellationToken);

    public Task<IActionResult> OnPostDryRunAsync(CancellationToken cancellationToken) => RunAsync(apply: false, cancellationToken);

    public Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken) => RunAsync(apply: true, cancellationToken);

    private async Task<IActionResult> RunAsync(bool apply, CancellationToken cancellationToken)
    {
        Definitions = await list.DefinitionIdsAsync(cancellationToken);
        var request = Parse();
        if (request is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            if (!apply)
            {
                Plan = await migrator.PlanAsync(request, cancellationToken);
                return Page();
            }

            var actor = actors.Resolve(User)?.UserId ?? "staff";
            Plan = await migrator.ApplyAsync(request, actor, cancellationToken);
        }
        catch (MigrationRequestException)
        {
            ModelState.AddModelError(string.Empty, text["Operations.Migration.NoSuchVersion"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!Plan.Applied)
        {
            ModelState.AddModelError(string.Empty, text[Plan.Instances.Count == 0 ? "Operations.Migration.Nothing" : "Operations.Migration.Refused"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var mapping = string.Join(", ", request.Mapping.Select(m => $"{m.Key}→{m.Value}"));
        await audit.RunAsync(PageActor.Of(User), AuditAction, null, () => Task.FromResult<string?>(
            $"{request.DefinitionId} v{request.FromVersion}→v{request.ToVersion}: {Plan.Instances.Count} instance(s); {mapping}"), cancellationToken);
        TempData["Flash"] = "Operations.Migration.Done";
        return Page();
    }

    private MigrationRequest? Parse()
    {
        if (string.IsNullOrWhiteSpace(DefinitionId) || FromVersion is not > 0 || ToVersion is not > 0 || !ModelState.IsValid)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, text["Operations.Migration.Incomplete"]);
            return null;
        }

        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in (Mapping ?? "").Length > MaxMappingChars ? [""] : (Mapping ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length is 0 or > 100 || parts[1].Length is 0 or > 100 || !mapping.TryAdd(parts[0], parts[1]))
            {
                ModelState.AddModelError(string.Empty, text["Operations.Migration.BadMapping", line.Length > 100 ? line[..100] : line]);
                return null;
            }
        }

        if ((Mapping ?? "").Length > MaxMappingChars)
        {
            ModelState.AddModelError(string.Empty, text["Operations.Migration.BadMapping", "…"]);
            return null;
        }

        return new MigrationRequest(DefinitionId.Trim(), FromVersion.Value, ToVersion.Value, mapping);
    }
}
