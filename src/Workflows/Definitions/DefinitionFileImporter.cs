using System.Security.Cryptography;
using System.Text;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Workflows.Definitions;

/// <summary>What the importer did with one file.</summary>
public enum FileImportOutcome
{
    /// <summary>Imported and published as a new version.</summary>
    Imported,

    /// <summary>The file is the same as the last import.</summary>
    Unchanged,

    /// <summary>Staff published a newer version since the last import: their version stands.</summary>
    StaffVersionNewer,

    /// <summary>The file does not parse or does not validate.</summary>
    Invalid,
}

/// <summary>
/// Imports the service definitions shipped in <c>Definitions/*.json</c>: a file becomes a new published
/// version only when it changed since its last import and staff have not published a newer version.
/// </summary>
public sealed partial class DefinitionFileImporter(IServiceScopeFactory scopes, ILogger<DefinitionFileImporter> logger)
{
    /// <summary>Imports every JSON file of the folder; returns what happened per file.</summary>
    public async Task<IReadOnlyDictionary<string, FileImportOutcome>> ImportAsync(string directory, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, FileImportOutcome>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return results;
        }

        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            results[Path.GetFileName(file)] = await ImportFileAsync(file, cancellationToken);
        }

        return results;
    }

    private async Task<FileImportOutcome> ImportFileAsync(string file, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(file, cancellationToken);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var validator = scope.ServiceProvider.GetRequiredService<DefinitionValidator>();
        var service = (DefinitionService)scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        WorkflowGraph graph;
        try
        {
            graph = WorkflowGraph.Parse(text);
        }
        catch (WorkflowDefinitionException e)
        {
            LogInvalid(file, e.Message);
            return FileImportOutcome.Invalid;
        }

        if (validator.Validate(graph) is { Count: > 0 } problems)
        {
            LogInvalid(file, string.Join(" ", problems.Select(p => p.Message)));
            return FileImportOutcome.Invalid;
        }

        var versions = await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == graph.DefinitionId)
            .Select(d => new { d.Version, d.Source, d.SourceHash, d.PublishedAt }).ToListAsync(cancellationToken);
        var lastFile = versions.Where(v => v.Source == DefinitionSources.File).MaxBy(v => v.Version);
        if (lastFile?.SourceHash == hash)
        {
            return FileImportOutcome.Unchanged;
        }

        if (versions.Any(v => v.Source != DefinitionSources.File && v.PublishedAt is not null && v.Version > (lastFile?.Version ?? 0)))
        {
            LogStaffNewer(file, graph.DefinitionId);
            return FileImportOutcome.StaffVersionNewer;
        }

        // One transaction: a publish that fails leaves no unpublished file version behind (the next start retries the file).
        var saved = await service.SaveAndPublishAsync(graph, "file:" + Path.GetFileName(file), DefinitionSources.File, hash, cancellationToken);
        LogImported(file, saved.DefinitionId, saved.Version);
        return FileImportOutcome.Imported;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow definition file {File} was not imported: {Problems}")]
    private partial void LogInvalid(string file, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow definition file {File} changed, but staff published a newer version of {DefinitionId}; the file was not imported")]
    private partial void LogStaffNewer(string file, string definitionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported workflow definition file {File} as {DefinitionId} v{Version}")]
    private partial void LogImported(string file, string definitionId, int version);
}

/// <summary>Runs the file import when the host starts (after migrations).</summary>
internal sealed partial class DefinitionImportService(DefinitionFileImporter importer, IOptions<WorkflowOptions> options, ILogger<DefinitionImportService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ImportDefinitionsOnStart)
        {
            return;
        }

        var path = options.Value.ResolvedDefinitionsPath;
        try
        {
            await importer.ImportAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, path);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Importing workflow definitions from {Path} failed")]
    private partial void LogFailed(Exception e, string path);
}
