using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Runtime;

namespace CloudpackPlus.Workflows.Definitions;

/// <summary>Rules of a WaitForSignal that is also a portal action (actionLabel, actionRole, confirm texts).</summary>
public sealed partial class DefinitionValidator
{
    private static void CheckSignalAction(ActivityNode node, List<ValidationProblem> problems)
    {
        if (node.Type != "WaitForSignal")
        {
            return;
        }

        foreach (var name in SignalActionDeclaration.InputNames.Where(n => node.Inputs.TryGetValue(n, out var v) && v.ValueKind is not (System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Null)))
        {
            problems.Add(new(node.Id, "bad-input", $"Node '{node.Id}' (WaitForSignal): {name} must be a literal text (no expression)."));
        }

        var declared = SignalActionDeclaration.Of(node);
        var role = SignalActionDeclaration.Text(node, "actionRole");
        if (role is not null && !SignalActionDeclaration.Roles.Contains(role))
        {
            problems.Add(new(node.Id, "bad-action-role",
                $"Node '{node.Id}' (WaitForSignal): actionRole '{role}' is unknown; use one of {string.Join(", ", SignalActionDeclaration.Roles)}."));
        }
        else if (declared is null && (role is not null || SignalActionDeclaration.InputNames.Any(n => SignalActionDeclaration.Text(node, n) is not null)))
        {
            problems.Add(new(node.Id, "incomplete-action",
                $"Node '{node.Id}' (WaitForSignal): a portal action needs both actionLabel and actionRole."));
        }
    }
}
