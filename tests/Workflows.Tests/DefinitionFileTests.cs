using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows.Tests;

public sealed class DefinitionFileTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wf-defs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<IReadOnlyDictionary<string, FileImportOutcome>> Import() =>
        fx.Services.GetRequiredService<DefinitionFileImporter>().ImportAsync(_folder, CancellationToken.None);

    private Task<IReadOnlyList<DefinitionVersionSummary>> History(string id) =>
        fx.With<IDefinitionService, IReadOnlyList<DefinitionVersionSummary>>(d => d.HistoryAsync(id));

    [Fact]
    public async Task File_IsImportedOnlyWhenChanged_AndNeverOverAStaffPublishedVersion()
    {
        var path = Path.Combine(_folder, "svc.json");
        await File.WriteAllTextAsync(path, Flows.Task("svc-file", title: "first"));

        Assert.Equal(FileImportOutcome.Imported, (await Import())["svc.json"]);
        Assert.Equal(FileImportOutcome.Unchanged, (await Import())["svc.json"]);

        await File.WriteAllTextAsync(path, Flows.Task("svc-file", title: "second"));
        Assert.Equal(FileImportOutcome.Imported, (await Import())["svc.json"]);
        Assert.Equal(2, (await History("svc-file")).Single(v => v.IsPublished).Version);

        await fx.PublishAsync(Flows.Task("svc-file", title: "staff edit"));
        await File.WriteAllTextAsync(path, Flows.Task("svc-file", title: "third"));

        Assert.Equal(FileImportOutcome.StaffVersionNewer, (await Import())["svc.json"]);
        var published = (await History("svc-file")).Single(v => v.IsPublished);
        Assert.Equal((3, "staff"), (published.Version, published.Source));
    }

    [Fact]
    public async Task File_WhosePublishFails_LeavesNoDraftBehind_AndIsImportedOnTheNextRun()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "atomic.json"), Flows.Task("svc-atomic-file"));
        await RefusePublishingAsync("svc-atomic-file");

        await Assert.ThrowsAnyAsync<Exception>(Import);
        Assert.Empty(await History("svc-atomic-file"));

        await AllowPublishingAsync();
        Assert.Equal(FileImportOutcome.Imported, (await Import())["atomic.json"]);
        Assert.True((await History("svc-atomic-file")).Single().IsPublished);
    }

    [Fact]
    public async Task ImportWithPublish_WhosePublishFails_LeavesNoDraftBehind()
    {
        await fx.PublishAsync(Flows.Task("svc-atomic-api", title: "v1"));
        await RefusePublishingAsync("svc-atomic-api");

        await Assert.ThrowsAnyAsync<Exception>(() =>
            fx.With<IDefinitionService, DefinitionVersionSummary>(d => d.ImportAsync(Flows.Task("svc-atomic-api", title: "v2"), "tester", publish: true)));

        await AllowPublishingAsync();
        var history = await History("svc-atomic-api");
        var only = Assert.Single(history);
        Assert.Equal((1, true, true), (only.Version, only.IsPublished, only.IsLatest));
    }

    /// <summary>A real publish failure inside PostgreSQL: a trigger refuses marking a version of this definition published.</summary>
    private async Task RefusePublishingAsync(string definitionId)
    {
        await using var scope = fx.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Persistence.WorkflowDbContext>();
        var sql = $"""
            CREATE OR REPLACE FUNCTION wf.test_refuse_publish() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.definition_id = '{definitionId}' AND NEW.is_published THEN RAISE EXCEPTION 'publish refused by test'; END IF;
              RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS test_refuse_publish ON wf.definitions;
            CREATE TRIGGER test_refuse_publish BEFORE INSERT OR UPDATE ON wf.definitions FOR EACH ROW EXECUTE FUNCTION wf.test_refuse_publish();
            """;
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task AllowPublishingAsync()
    {
        await using var scope = fx.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Persistence.WorkflowDbContext>().Database
            .ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS test_refuse_publish ON wf.definitions");
    }

    [Fact]
    public async Task InvalidFile_IsNotImported()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "broken.json"), """{ "definitionId": "broken", "activities": [] }""");

        Assert.Equal(FileImportOutcome.Invalid, (await Import())["broken.json"]);
        Assert.Empty(await History("broken"));
    }

    [Fact]
    public void ShippedSampleDefinition_Validates()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Definitions", "sample-approval.json"));

        Assert.Empty(fx.Services.GetRequiredService<DefinitionValidator>().Validate(WorkflowGraph.Parse(json)));
    }

    [Fact]
    public void Registry_ListsActivitiesWithTheirDesignerMetadata()
    {
        var registry = fx.Services.GetRequiredService<Activities.ActivityRegistry>();

        var task = registry.Find("HumanTask")!;
        Assert.Equal(("担当者タスク", "Human task", Activities.ActivityKind.Blocking), (task.DisplayNameJa, task.DisplayNameEn, task.Kind));
        Assert.Contains(task.Inputs, i => i.Name == "title" && i.Required && i.Type == "string");
        Assert.Equal(["True", "False"], registry.Find("Decision")!.Outcomes);
        Assert.Equal(Activities.ActivityKind.Background, registry.Find("ComputeChecksum")!.Kind);
    }
}
