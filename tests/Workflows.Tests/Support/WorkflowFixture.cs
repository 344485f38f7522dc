using System.Collections.Concurrent;
using CloudpackPlus.Core;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Testing;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CloudpackPlus.Workflows.Tests.Support;

/// <summary>
/// A migrated database (core + wf) and the workflow services on it, with a fake clock. Jobs are
/// captured instead of sent to a Hangfire server, so tests run them when they choose.
/// </summary>
public class WorkflowFixture : TestDatabase
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 11, 1, 0, 0, TimeSpan.Zero)); // Mon 10:00 JST

    public CapturingJobClient Jobs { get; } = new();

    public ServiceProvider Services { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IBackgroundJobClient>(Jobs);
        services.AddCloudpackDatabase(ConnectionString);
        services.AddCloudpackCore();
        services.AddCloudpackWorkflows();
        services.AddWorkflowActivitiesFrom(typeof(WorkflowFixture).Assembly);
        services.Configure<WorkflowOptions>(o => o.MaxJournalEntriesPerInstance = 50);
        Services = services.BuildServiceProvider();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Database.MigrateAsync();
    }

    public override async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Runs a service call in its own scope.</summary>
    public async Task<T> With<TService, T>(Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Saves and publishes a graph; returns the version number.</summary>
    public Task<int> PublishAsync(string json) => With<Definitions.IDefinitionService, int>(async d =>
    {
        var draft = await d.SaveDraftAsync(WorkflowGraph.Parse(json), "tester");
        return (await d.PublishAsync(draft.DefinitionId, draft.Version, "tester")).Version;
    });

    /// <summary>Runs the captured job for a bookmark, as Hangfire would.</summary>
    public Task<string> RunJobAsync(Guid bookmarkId) => With<WorkflowJobs, string>(j => j.RunBookmarkAsync(bookmarkId));

    public async Task<List<Bookmark>> OpenBookmarksAsync(Guid instanceId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instanceId && b.ResumedAt == null && b.CancelledAt == null).OrderBy(b => b.CreatedAt).ToListAsync();
    }
}

/// <summary>Records what would be handed to Hangfire (the bookmark id argument and the delay).</summary>
public sealed class CapturingJobClient : IBackgroundJobClient
{
    public ConcurrentQueue<(Guid BookmarkId, IState State)> Created { get; } = new();

    public string Create(Job job, IState state)
    {
        ArgumentNullException.ThrowIfNull(job);
        Created.Enqueue(((Guid)job.Args[0], state));
        return Guid.NewGuid().ToString();
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
