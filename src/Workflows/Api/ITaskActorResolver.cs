using System.Security.Claims;
using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Workflows.Api;

/// <summary>
/// Turns the signed-in principal into the actor of task commands (user id, task roles, company).
/// The portal implements it over its claims; the runtime's default knows no one, so the API
/// refuses every request until a host supplies one.
/// </summary>
public interface ITaskActorResolver
{
    /// <summary>The actor, or null when the principal is not a known user.</summary>
    TaskActor? Resolve(ClaimsPrincipal user);
}

/// <summary>The default: nobody is an actor.</summary>
public sealed class NoTaskActorResolver : ITaskActorResolver
{
    /// <inheritdoc />
    public TaskActor? Resolve(ClaimsPrincipal user) => null;
}
