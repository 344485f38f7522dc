using System.Security.Claims;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Workflows.Api;
using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Portal.Workflows;

/// <summary>
/// The workflow runtime's view of a signed-in portal user: the person id, the task roles their
/// portal role carries, and their company. Users still setting up password or MFA are no one.
/// </summary>
public sealed class PortalTaskActorResolver : ITaskActorResolver
{
    public TaskActor? Resolve(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true
            || user.FindFirstValue(PortalClaims.Stage) != PortalClaims.StageReady
            || user.FindFirstValue(PortalClaims.PersonId) is not { Length: > 0 } person)
        {
            return null;
        }

        var roles = new HashSet<string>(StringComparer.Ordinal);
        if (PortalRoles.IsStaff(user))
        {
            roles.Add(TaskRoles.Csm);
        }

        if (user.IsInRole(PortalRoles.Representative))
        {
            roles.Add(TaskRoles.CustomerRepresentative);
            roles.Add(TaskRoles.CustomerUser);
        }

        if (user.IsInRole(PortalRoles.Member))
        {
            roles.Add(TaskRoles.CustomerUser);
        }

        Guid? company = Guid.TryParse(user.FindFirstValue(PortalClaims.CompanyId), out var id) ? id : null;
        return new TaskActor(person, roles, company);
    }
}
