using System.Text.Json;

namespace CloudpackPlus.Workflows.Activities.Builtin;

/// <summary>Creates a task for a person or role and waits until it is completed with valid form data.</summary>
[Activity("HumanTask", DisplayNameJa = "担当者タスク", DisplayNameEn = "Human task", Category = "Tasks", Kind = ActivityKind.Blocking,
    Description = "Creates a task (form, assignee or role, due date on the business calendar) and waits for its completion.")]
public sealed class HumanTask : Activity
{
    /// <summary>Title in the inbox.</summary>
    [Input(Description = "Title", Required = true)]
    public string Title { get; set; } = "";

    /// <summary>English title (optional; the inbox shows it to English readers).</summary>
    [Input(Description = "Title in English")]
    public string? TitleEn { get; set; }

    /// <summary>Values the form opens with, e.g. <c>{"expr": "{ topic: variables.topic }"}</c>.</summary>
    [Input(Description = "Form values to start with", Editor = "expression")]
    public object? Prefill { get; set; }

    /// <summary>Form schema: <c>{"fields":[{"name","type","required",...}]}</c>.</summary>
    [Input(Description = "Form schema", Editor = "form")]
    public object? Form { get; set; }

    /// <summary>Role that may take it: csm, customer-representative, customer-user.</summary>
    [Input(Description = "Role (csm, customer-representative, customer-user)", Editor = "enum", Options = ["csm", "customer-representative", "customer-user"])]
    public string? Role { get; set; }

    /// <summary>A specific user.</summary>
    [Input(Description = "Assignee (user id)")]
    public string? Assignee { get; set; }

    /// <summary>The customer company.</summary>
    [Input(Description = "Company id", Editor = "expression")]
    public Guid? CompanyId { get; set; }

    /// <summary>Business days until due (end of that business day, 19:00 JST).</summary>
    [Input(Description = "Due in business days", Editor = "business-days")]
    public int? DueInBusinessDays { get; set; }

    /// <summary>Variable that receives the submitted data (optional).</summary>
    [Input(Description = "Variable to store the form data in")]
    public string? ResultVariable { get; set; }

    /// <summary>The submitted form data.</summary>
    [Output(Description = "Submitted data")]
    public IReadOnlyDictionary<string, object?>? Data { get; set; }

    /// <summary>Who completed it.</summary>
    [Output(Description = "Completed by")]
    public string? CompletedBy { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Role is null && Assignee is null)
        {
            throw new InvalidOperationException("A human task needs a role or an assignee.");
        }

        var schema = Form switch
        {
            null => "{\"fields\":[]}",
            string text => text,
            _ => JsonSerializer.Serialize(Form),
        };
        // Refuse a bad schema now, not when someone submits. A file field's value is the list of stored files'
        // descriptions, written by the page that takes the upload (the partner's task page); pages without
        // multipart forms cannot complete such a task.
        Tasks.FormSchema.Parse(schema);

        var prefill = Prefill is null ? null : Runtime.PlainValues.ToJson(Runtime.PlainValues.Normalize(Prefill));
        var due = DueInBusinessDays is { } days ? context.Calendar.DueDate(context.Time.GetUtcNow(), days) : (DateTimeOffset?)null;
        return ValueTask.FromResult(ActivityResult.Suspend(new BookmarkRequest
        {
            Kind = BookmarkKind.HumanTask,
            Task = new HumanTaskRequest { Title = Title, FormSchema = schema, Role = Role, Assignee = Assignee, CompanyId = CompanyId, DueAt = due,
                TitleEn = TitleEn, Prefill = prefill },
        }));
    }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resume);
        Data = resume.Payload;
        CompletedBy = resume.Actor;
        if (!string.IsNullOrEmpty(ResultVariable))
        {
            context.Variables[ResultVariable] = Runtime.PlainValues.Normalize(resume.Payload);
        }

        return ValueTask.FromResult(ActivityResult.Done());
    }
}
