namespace CloudpackPlus.Host.Database;

/// <summary>What the host does with the database when it starts (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>Apply pending migrations of every module on start. Production may run the <c>migrate</c> verb instead.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Insert the demo company and staff on start (idempotent). Off unless the run script asks.</summary>
    public bool SeedDemoOnStart { get; set; }
}
