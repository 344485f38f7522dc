using CloudpackPlus.Workflows.Persistence;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>Result of <see cref="IWorkflowRuntime"/>.</summary>
/// <param name="InstanceId">The instance (new, or the existing one for the correlation id).</param>
/// <param name="Created">False when an instance already existed for the correlation id.</param>
/// <param name="Status">Status after the first step.</param>
public sealed record StartResult(Guid InstanceId, bool Created, InstanceStatus Status);

/// <summary>Outcome of a resume attempt.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ResumeOutcome>))]
public enum ResumeOutcome
{
    /// <summary>This call resumed the bookmark; the instance ran on.</summary>
    Resumed,

    /// <summary>Another call resumed it first; nothing changed.</summary>
    AlreadyResumed,

    /// <summary>The wait was cancelled (instance ended or cancelled); nothing changed.</summary>
    Cancelled,

    /// <summary>No such bookmark (or signal wait).</summary>
    NotFound,

    /// <summary>The instance is faulted, finished or cancelled; nothing changed.</summary>
    InstanceNotActive,
}

/// <summary>Result of a resume.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="InstanceId">The instance, when known.</param>
/// <param name="Status">Instance status after the call, when known.</param>
public sealed record ResumeResult(ResumeOutcome Outcome, Guid? InstanceId = null, InstanceStatus? Status = null)
{
    /// <summary>A sentence for the caller.</summary>
    public string Message => Outcome switch
    {
        ResumeOutcome.Resumed => "resumed",
        ResumeOutcome.AlreadyResumed => "already resumed: another request completed this step first; nothing was changed",
        ResumeOutcome.Cancelled => "this wait was cancelled; nothing was changed",
        ResumeOutcome.NotFound => "no such wait",
        _ => $"the workflow is {Status?.ToString().ToLowerInvariant()}; nothing was changed",
    };
}

/// <summary>No published version of the requested definition.</summary>
public sealed class WorkflowNotFoundException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public WorkflowNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public WorkflowNotFoundException() { }

    /// <summary>Creates the exception with its message and cause.</summary>
    public WorkflowNotFoundException(string message, Exception inner) : base(message, inner) { }
}
