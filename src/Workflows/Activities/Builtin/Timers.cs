namespace CloudpackPlus.Workflows.Activities.Builtin;

/// <summary>Waits for a duration or a number of business days (durable timer).</summary>
[Activity("Delay", DisplayNameJa = "待機", DisplayNameEn = "Delay", Category = "Timers", Kind = ActivityKind.Blocking,
    Description = "Waits for a duration, or for N business days on the business calendar.")]
public sealed class Delay : Activity
{
    /// <summary>How long to wait (e.g. <c>00:30:00</c> or <c>PT30M</c>).</summary>
    [Input(Description = "Duration (hh:mm:ss or ISO 8601)")]
    public TimeSpan? Duration { get; set; }

    /// <summary>Business days to wait (same Tokyo time of day).</summary>
    [Input(Description = "Business days (instead of a duration)", Editor = "business-days")]
    public int? BusinessDays { get; set; }

    /// <summary>When the timer was due.</summary>
    [Output(Description = "Due instant")]
    public DateTimeOffset DueAt { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Time.GetUtcNow();
        var due = BusinessDays is { } days ? context.Calendar.AddBusinessDays(now, days)
            : Duration is { } duration ? now + duration
            : throw new InvalidOperationException("Delay needs a duration or a number of business days.");
        return ValueTask.FromResult(ActivityResult.Suspend(BookmarkRequest.Timer(due)));
    }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume)
    {
        ArgumentNullException.ThrowIfNull(context);
        DueAt = context.Time.GetUtcNow();
        return ValueTask.FromResult(ActivityResult.Done());
    }
}

/// <summary>Waits until an instant.</summary>
[Activity("WaitUntil", DisplayNameJa = "指定日時まで待機", DisplayNameEn = "Wait until", Category = "Timers", Kind = ActivityKind.Blocking,
    Description = "Waits until the given instant (continues at once if it has passed).")]
public sealed class WaitUntil : Activity
{
    /// <summary>The instant to wait for.</summary>
    [Input(Description = "Instant (ISO 8601)", Required = true, Editor = "expression")]
    public DateTimeOffset Until { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(Until <= context.Time.GetUtcNow()
            ? ActivityResult.Done()
            : ActivityResult.Suspend(BookmarkRequest.Timer(Until)));
    }
}

/// <summary>Waits for an external message (signal) by name.</summary>
[Activity("WaitForSignal", DisplayNameJa = "外部通知を待機", DisplayNameEn = "Wait for signal", Category = "Timers", Kind = ActivityKind.Blocking,
    Description = "Waits until another part of the system sends the named message to this instance.")]
public sealed class WaitForSignal : Activity
{
    /// <summary>The message name.</summary>
    [Input(Description = "Signal name", Required = true)]
    public string Signal { get; set; } = "";

    /// <summary>Japanese button label: when set, the wait is also a portal action on the application page.</summary>
    [Input(Description = "Portal action button label (Japanese); makes the wait a portal action")]
    public string? ActionLabel { get; set; }

    /// <summary>English button label (the Japanese one when absent).</summary>
    [Input(Description = "Portal action button label (English)")]
    public string? ActionLabelEn { get; set; }

    /// <summary>Who may press the button: <c>customer-representative</c>, <c>customer-user</c> (any user of the company) or <c>csm</c> (staff).</summary>
    [Input(Description = "Portal action role: customer-representative, customer-user or csm", Editor = "enum", Options = ["customer-representative", "customer-user", "csm"])]
    public string? ActionRole { get; set; }

    /// <summary>Japanese confirmation text shown next to the button.</summary>
    [Input(Description = "Portal action confirmation text (Japanese)")]
    public string? ConfirmJa { get; set; }

    /// <summary>English confirmation text.</summary>
    [Input(Description = "Portal action confirmation text (English)")]
    public string? ConfirmEn { get; set; }

    /// <summary>The message body.</summary>
    [Output(Description = "Message payload")]
    public IReadOnlyDictionary<string, object?>? Payload { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Suspend(BookmarkRequest.Signal(Signal)));

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume)
    {
        ArgumentNullException.ThrowIfNull(resume);
        Payload = resume.Payload;
        return ValueTask.FromResult(ActivityResult.Done());
    }
}
