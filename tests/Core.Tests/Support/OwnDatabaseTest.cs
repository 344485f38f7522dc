using CloudpackPlus.Core.Tests.Data;

namespace CloudpackPlus.Core.Tests.Support;

/// <summary>
/// A test class whose tests each get a database of their own (for what touches every company of a database: the
/// rollover, the per-year sums), a host whose clock starts on 2 June 2025 (FY2025) and a staff member to act as.
/// </summary>
public abstract class OwnDatabaseTest : IAsyncLifetime
{
    protected CoreDatabaseFixture Database { get; } = new();

    protected CoreTestHost Host { get; private set; } = null!;

    protected Guid Admin { get; private set; }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Host = new CoreTestHost(Database, CoreTestHost.Jst(2025, 6, 2));
        Admin = await Host.CreateStaffAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
    }
}
