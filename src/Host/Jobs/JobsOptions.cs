namespace CloudpackPlus.Host.Jobs;

/// <summary>Hangfire settings (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    /// <summary>Run a Hangfire server in this process. A web-only host can turn it off.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Worker threads of the server.</summary>
    public int WorkerCount { get; set; } = 10;

    /// <summary>
    /// How often an idle worker looks for new jobs. It is woken at once when a job is enqueued, by this process or
    /// another (LISTEN/NOTIFY: tests/Portal.Tests/Faults/LongPollingTests), so the interval only bounds the pick-up of a
    /// job whose notification was missed (the listening connection was being re-opened after a database restart). Each
    /// poll is two transactions per worker (connection reset, fetch): 10 workers every 30 s = 0.67/s
    /// (docs/benchmarks.md "Idle database query rate").
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the delayed-job and recurring-job schedulers look for due jobs: a workflow timer fires at most this
    /// late, a minutely recurring job (notification mailer, mail sweep) this far into its minute. Each look takes and
    /// releases Hangfire's distributed lock (four to five transactions per scheduler), most of an idle host's traffic.
    /// </summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a Hangfire lock row (recurring-job and delayed-job schedulers, job state changes) stays valid. A host
    /// killed while holding one leaves the row behind; until it expires no other host schedules recurring jobs (the
    /// notification mailer, the mail sweep) or moves due delayed jobs. Hangfire's own locks last milliseconds.
    /// </summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The PostgreSQL schema of Hangfire's tables.</summary>
    public string Schema { get; set; } = "hangfire";
}
