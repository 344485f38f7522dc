using System.Text.Json;

namespace CloudpackPlus.Portal.Workflows;

/// <summary>An autosave: the graph and the draft token the editor last saw.</summary>
public sealed record DesignerSaveRequest(JsonElement Graph, int Version, int Revision);

/// <summary>Publish the draft the editor holds (refused when someone else saved since).</summary>
public sealed record DesignerPublishRequest(int Version, int Revision);

/// <summary>Check a graph without saving it.</summary>
public sealed record DesignerValidateRequest(JsonElement Graph);

/// <summary>Check one expression (or template) as the user types.</summary>
public sealed record DesignerExpressionRequest(string? Text, bool Template);

/// <summary>Check a human task's form schema as the user edits it.</summary>
public sealed record DesignerFormRequest(JsonElement Form);

/// <summary>How designer pages write their JSON blocks: the graph's camelCase settings, on one line.</summary>
public static class DesignerJson
{
    public static JsonSerializerOptions Options { get; } = new(CloudpackPlus.Workflows.Model.WorkflowGraph.JsonOptions) { WriteIndented = false };
}

/// <summary>What the definitions table holds (wf.definitions.name is 200 characters).</summary>
public static class DesignerLimits
{
    public const int MaxName = 200;
}
