namespace CloudpackPlus.Workflows.Runtime;

/// <summary>
/// A step failed unexpectedly while it ran or saved (e.g. an activity's write broke the connection): nothing
/// of the step was kept, and the instance was marked Faulted with an incident carrying the error, so staff
/// can retry it from the incident.
/// </summary>
public sealed class WorkflowStepFaultedException : Exception
{
    /// <summary>Creates the exception for the faulted instance and the error.</summary>
    public WorkflowStepFaultedException(Guid instanceId, Exception error)
        : base($"The step of workflow instance {instanceId} failed and the instance is now faulted: {error?.Message}", error) =>
        InstanceId = instanceId;

    /// <summary>Creates the exception.</summary>
    public WorkflowStepFaultedException() { }

    /// <summary>Creates the exception with its message.</summary>
    public WorkflowStepFaultedException(string message) : base(message) { }

    /// <summary>Creates the exception with its message and cause.</summary>
    public WorkflowStepFaultedException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The instance now Faulted.</summary>
    public Guid InstanceId { get; }
}
