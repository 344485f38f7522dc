namespace CloudpackPlus.Workflows.Tasks;

/// <summary>Status of a human task.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<WorkflowTaskStatus>))]
public enum WorkflowTaskStatus
{
    /// <summary>Anyone eligible may claim or complete it.</summary>
    Open,

    /// <summary>Claimed by one user.</summary>
    Claimed,

    /// <summary>Completed with form data.</summary>
    Completed,

    /// <summary>The instance ended or was cancelled first.</summary>
    Cancelled,
}

/// <summary>Roles a task can be offered to.</summary>
public static class TaskRoles
{
    /// <summary>The provider's customer-success manager.</summary>
    public const string Csm = "csm";

    /// <summary>The company's representative.</summary>
    public const string CustomerRepresentative = "customer-representative";

    /// <summary>Any user of the company.</summary>
    public const string CustomerUser = "customer-user";
}

/// <summary>A human task: a first-class row with its form, assignee or role, due date and completion audit.</summary>
public sealed class WorkflowTask
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>The bookmark the completion resumes.</summary>
    public Guid BookmarkId { get; init; }

    /// <summary>The node.</summary>
    public required string NodeId { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>English title (null: the title is used).</summary>
    public string? TitleEn { get; init; }

    /// <summary>Values the form opens with (jsonb object), if any.</summary>
    public string? Prefill { get; init; }

    /// <summary>The title in the reader's language.</summary>
    public string TitleIn(bool japanese) => japanese || string.IsNullOrEmpty(TitleEn) ? Title : TitleEn;

    /// <summary>Form schema (jsonb).</summary>
    public required string FormSchema { get; init; }

    /// <summary>Role offered to.</summary>
    public string? Role { get; init; }

    /// <summary>Assigned user.</summary>
    public string? Assignee { get; init; }

    /// <summary>Company.</summary>
    public Guid? CompanyId { get; init; }

    /// <summary>Due (business calendar).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Status.</summary>
    public WorkflowTaskStatus Status { get; set; }

    /// <summary>Claimed by.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Claimed at.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>Completed by.</summary>
    public string? CompletedBy { get; set; }

    /// <summary>Completed at.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Submitted data (jsonb).</summary>
    public string? Result { get; set; }

    /// <summary>Created at.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>xmin, for optimistic concurrency.</summary>
    public uint RowVersion { get; set; }
}
