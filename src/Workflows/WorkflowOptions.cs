namespace CloudpackPlus.Workflows;

/// <summary>Runtime settings (section <c>Workflows</c>).</summary>
public sealed class WorkflowOptions
{
    /// <summary>Folder of the service definition files imported on start; default: <c>Definitions</c> beside the binaries.</summary>
    public string? DefinitionsPath { get; set; }

    /// <summary>The definitions folder in effect.</summary>
    public string ResolvedDefinitionsPath => DefinitionsPath ?? Path.Combine(AppContext.BaseDirectory, "Definitions");

    /// <summary>Import definition files on start.</summary>
    public bool ImportDefinitionsOnStart { get; set; } = true;

    /// <summary>Journal lines kept per instance; older lines are dropped as new ones arrive.</summary>
    public int MaxJournalEntriesPerInstance { get; set; } = 1000;

    /// <summary>How long the journal of an ended instance is kept.</summary>
    public TimeSpan JournalRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Run the sweeper (re-dispatch of lost jobs, journal retention) in this process.</summary>
    public bool RunSweeper { get; set; } = true;

    /// <summary>How often the sweeper runs.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A due timer or job not resumed this long after its last dispatch is dispatched again (jobs are idempotent).</summary>
    public TimeSpan RedispatchAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a background activity's lease lives without a heartbeat; after it another worker may take the activity over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a running background activity extends its lease.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often a running background activity checks that its bookmark is still open, its lease still
    /// its own and the instance still active (a cancellation reaches its token within this), and writes
    /// reported progress.
    /// </summary>
    public TimeSpan LeaseCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
