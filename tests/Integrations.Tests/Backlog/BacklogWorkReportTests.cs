using System.Collections.Concurrent;
using CloudpackPlus.Integrations.Accounts;
using CloudpackPlus.Integrations.Backlog;
using CloudpackPlus.Integrations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudpackPlus.Integrations.Tests.Backlog;

public sealed class BacklogWorkReportTests(FakeBacklog backlog, IntegrationsDatabase database)
    : IClassFixture<FakeBacklog>, IClassFixture<IntegrationsDatabase>
{
    private readonly InMemoryLinkedAccountDirectory _accounts = new();
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    [Trait("Spec", "BAS-4")]
    public async Task Report_ForAnAccountUnderMaintenance_BecomesAnIssueInItsBacklogProject()
    {
        var company = Guid.NewGuid();
        _accounts.Link(new LinkedAwsAccount(company, "111111111111", UnderMaintenanceContract: true, BacklogProjectKey: "OPS"));
        await using var services = Services(FakeBacklog.ApiKey);

        var publication = await Publisher(services).PublishAsync(company, "111111111111", new WorkReport("EC2 rightsizing done", "m5.xlarge → m5.large"));

        Assert.True(publication.PostedToBacklog);
        Assert.Equal("OPS-12", publication.IssueKey);
        Assert.Equal(new Uri(backlog.BaseUri, "view/OPS-12"), publication.IssueUrl);
        var post = backlog.Posts.Last(p => p.Path == "/api/v2/issues").Form;
        Assert.Equal("7", post["projectId"]);
        Assert.Equal("102", post["issueTypeId"]);
        Assert.Equal("3", post["priorityId"]);
        Assert.Equal("EC2 rightsizing done", post["summary"]);
        Assert.Equal("m5.xlarge → m5.large", post["description"]);
    }

    [Fact]
    [Trait("Spec", "BAS-4")]
    public async Task Report_OnAnExistingIssue_IsAddedAsAComment()
    {
        var company = Guid.NewGuid();
        _accounts.Link(new LinkedAwsAccount(company, "222222222222", true, "OPS"));
        await using var services = Services(FakeBacklog.ApiKey);

        var publication = await Publisher(services).PublishAsync(company, "222222222222", new WorkReport("Follow-up", "Done.", ExistingIssueKey: "OPS-3"));

        Assert.Equal(9001, publication.CommentId);
        Assert.Equal("Follow-up\n\nDone.", backlog.Posts.Last(p => p.Path == "/api/v2/issues/OPS-3/comments").Form["content"]);
    }

    [Fact]
    [Trait("Spec", "BAS-4")]
    public async Task Report_ForAnAccountWithoutMaintenance_IsLeftToThePortal()
    {
        var company = Guid.NewGuid();
        _accounts.Link(new LinkedAwsAccount(company, "333333333333", false, null));
        await using var services = Services(FakeBacklog.ApiKey);
        var before = backlog.Posts.Count;

        var publication = await Publisher(services).PublishAsync(company, "333333333333", new WorkReport("x", "y"));

        Assert.False(publication.PostedToBacklog);
        Assert.Equal(before, backlog.Posts.Count);
    }

    [Fact]
    public async Task ApiKey_NeverAppearsInErrorsOrLogs()
    {
        var company = Guid.NewGuid();
        _accounts.Link(new LinkedAwsAccount(company, "444444444444", true, "OPS"));
        const string wrongKey = "wrong-key-SECRET-0987654321";
        await using var services = Services(wrongKey);
        await using var good = Services(FakeBacklog.ApiKey);

        var error = await Assert.ThrowsAsync<BacklogException>(() => Publisher(services).PublishAsync(company, "444444444444", new WorkReport("x", "y")));
        await Publisher(good).PublishAsync(company, "444444444444", new WorkReport("x", "y"));

        Assert.Equal(401, error.Status);
        Assert.Contains("API key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(wrongKey, StringComparison.Ordinal) || l.Contains(FakeBacklog.ApiKey, StringComparison.Ordinal));
    }

    private static BacklogWorkReportPublisher Publisher(ServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<BacklogWorkReportPublisher>();

    private ServiceProvider Services(string apiKey) => IntegrationsServices.Build(database.ConnectionString,
        new Dictionary<string, string?>
        {
            ["Backlog:SpaceUrl"] = backlog.BaseUri.ToString(),
            ["Backlog:ApiKey"] = apiKey,
            ["Backlog:IssueTypeName"] = "作業報告",
        },
        TimeProvider.System,
        s =>
        {
            s.AddSingleton<ILinkedAccountDirectory>(_accounts);
            s.AddLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        });

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
