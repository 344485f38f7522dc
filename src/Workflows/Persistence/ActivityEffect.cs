namespace CloudpackPlus.Workflows.Persistence;

/// <summary>
/// An external effect that completed for one activity activation (table <c>wf.effects</c>): a retry
/// or a redelivered job of the same activation finds it and skips the call.
/// </summary>
public sealed class ActivityEffect
{
    /// <summary>The activation's idempotency key (<c>{instance:N}:{node}:{activation}</c>).</summary>
    public required string ActivationKey { get; init; }

    /// <summary>The effect's name within the activation (e.g. <c>backlog-issue</c>).</summary>
    public required string Effect { get; init; }

    /// <summary>The instance (for look-ups and clean-up; no foreign key, see the model).</summary>
    public Guid InstanceId { get; init; }

    /// <summary>What the call returned (jsonb).</summary>
    public required string Result { get; init; }

    /// <summary>When the effect was recorded.</summary>
    public DateTimeOffset RecordedAt { get; init; }
}
