namespace CloudpackPlus.Host.Jobs;

/// <summary>Hangfire settings (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    /// <summary>Run a Hangfire server in this process. A web-only host can turn it off.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Worker threads of the server.</summary>
    public int WorkerCount { get; set; } = 10;

    /// <summary>How often an idle worker looks for new jobs (LISTEN/NOTIFY wakes it earlier).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the scheduler moves due delayed jobs to their queue; bounds timer latency.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a Hangfire lock row (recurring-job and delayed-job schedulers, job state changes) stays valid. A host
    /// killed while holding one leaves the row behind; until it expires no other host schedules recurring jobs (the
    /// notification mailer, the mail sweep) or moves due delayed jobs. Hangfire's own locks last milliseconds.
    /// </summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The PostgreSQL schema of Hangfire's tables.</summary>
    public string Schema { get; set; } = "hangfire";
}
