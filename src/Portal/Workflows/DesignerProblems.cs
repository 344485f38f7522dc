using CloudpackPlus.Workflows.Definitions;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Workflows;

/// <summary>A validation problem as the editor pins it: the node, a sentence in the reader's language, and the validator's detail.</summary>
public sealed record PinnedProblem(string? NodeId, string Code, string Text, string Detail);

/// <summary>Turns the validator's problems (stable codes, English details) into what the designer shows.</summary>
public static class DesignerProblems
{
    public static IReadOnlyList<PinnedProblem> Pin(IEnumerable<ValidationProblem> problems, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(text);
        return problems.Select(p =>
        {
            var local = text["Designer.Problem." + p.Code];
            return new PinnedProblem(p.NodeId, p.Code, local.ResourceNotFound ? text["Designer.Problem.other"] : local.Value, p.Message);
        }).ToList();
    }
}
