using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tests.Data;

namespace CloudpackPlus.Core.Tests.Support;

/// <summary>
/// A test class of Core's services: a fresh service provider on the class's database, its clock
/// at <paramref name="now"/>, and one staff member to act as, per test.
/// </summary>
public abstract class CoreServiceTest(CoreDatabaseFixture database, DateTimeOffset now, PersonRole staffRole = PersonRole.Admin)
    : IClassFixture<CoreDatabaseFixture>, IAsyncLifetime
{
    protected CoreDatabaseFixture Database { get; } = database;

    protected CoreTestHost TestHost { get; private set; } = null!;

    /// <summary>The staff member (admin unless the class asks for another role).</summary>
    protected Guid Staff { get; private set; }

    public async Task InitializeAsync()
    {
        TestHost = new CoreTestHost(Database, now);
        Staff = await TestHost.CreateStaffAsync(staffRole);
    }

    public async Task DisposeAsync() => await TestHost.DisposeAsync();
}
