using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Tests.Support;
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
