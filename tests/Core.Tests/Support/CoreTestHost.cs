using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CloudpackPlus.Core.Tests.Support;

/// <summary>The Core module's services on a test database, with a fake clock (Tokyo time helpers).</summary>
public sealed class CoreTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public CoreTestHost(CoreDatabaseFixture database, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        Clock = new FakeTimeProvider(now);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging();
        services.AddCloudpackDatabase(database.ConnectionString);
        services.AddCloudpackCore();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Tokyo wall-clock time as an instant.</summary>
    public static DateTimeOffset Jst(int year, int month, int day, int hour = 10, int minute = 0) =>
        Tokyo.At(new DateOnly(year, month, day), new TimeOnly(hour, minute));

    public void MoveTo(DateTimeOffset instant) => Clock.SetUtcNow(instant);

    /// <summary>Runs work in a fresh DI scope (a fresh DbContext), like one request or job.</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = _provider.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task RunAsync(Func<IServiceProvider, Task> work) => RunAsync(async sp =>
    {
        await work(sp);
        return 0;
    });

    public Task<T> With<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull => RunAsync(sp => work(sp.GetRequiredService<TService>()));

    public async Task<Guid> CreateStaffAsync(PersonRole role = PersonRole.Admin) => await RunAsync(async sp =>
    {
        var db = sp.GetRequiredService<CoreDbContext>();
        var person = new Person { Email = $"staff-{Guid.NewGuid():N}@cloudpack.example.jp", DisplayName = "スタッフ", Role = role, CreatedAt = Clock.GetUtcNow() };
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    });

    public async Task<Guid> CreateCompanyAsync(Action<Company>? configure = null, params ContractType[] contracts) => await RunAsync(async sp =>
    {
        var db = sp.GetRequiredService<CoreDbContext>();
        var company = new Company { Code = $"C{Guid.NewGuid():N}"[..20], Name = "テスト株式会社", CreatedAt = Clock.GetUtcNow() };
        configure?.Invoke(company);
        db.Companies.Add(company);
        foreach (var type in contracts)
        {
            db.Contracts.Add(new Contract { CompanyId = company.Id, Type = type, StartsOn = new DateOnly(2020, 4, 1), RecordedAt = Clock.GetUtcNow() });
        }

        await db.SaveChangesAsync();
        return company.Id;
    });

    /// <summary>A company with a billing-agency contract, enrolled now at the given rank (its yearly tickets granted).</summary>
    public async Task<Guid> CreateEnrolledCompanyAsync(Rank rank, Guid staffId)
    {
        var id = await CreateCompanyAsync(null, ContractType.BillingAgency);
        await With<EnrolmentService, RankAssignment>(s => s.EnrolAsync(id, rank, "テスト", staffId));
        return id;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
