using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tools;
using CloudpackPlus.Portal.Audit;
using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Pages.Staff.Tools;

/// <summary>
/// Admin, TOOL-3: which contract types may use each customer tool. One checkbox per tool and contract type; saving
/// replaces the rules and writes an audit entry with the rules before and after.
/// </summary>
public sealed class IndexModel(ToolGate gate, StaffAudit audit) : StaffPageModel
{
    public static IReadOnlyList<CustomerTool> Tools { get; } = Enum.GetValues<CustomerTool>();

    public static IReadOnlyList<ContractType> Types { get; } = Enum.GetValues<ContractType>();

    public IReadOnlySet<(CustomerTool, ContractType)> Rules { get; private set; } = new HashSet<(CustomerTool, ContractType)>();

    /// <summary>The checked boxes, each "Tool:ContractType".</summary>
    [BindProperty]
    public List<string> Allowed { get; set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rules = await gate.RulesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var wanted = new List<(CustomerTool, ContractType)>();
        foreach (var value in Allowed)
        {
            var parts = (value ?? "").Split(':', 2);
            if (parts.Length != 2 || !Enum.TryParse<CustomerTool>(parts[0], out var tool) || !Enum.IsDefined(tool)
                || !Enum.TryParse<ContractType>(parts[1], out var type) || !Enum.IsDefined(type))
            {
                return BadRequest();
            }

            wanted.Add((tool, type));
        }

        var before = Describe(await gate.RulesAsync(cancellationToken));
        await audit.RunAsync(PageActor.Of(User), "tools.rules", null, async () =>
        {
            await gate.ReplaceRulesAsync(wanted, cancellationToken);
            return $"{before} → {Describe(wanted.ToHashSet())}";
        }, cancellationToken);
        TempData["Flash"] = "Tools.Staff.Saved";
        return RedirectToPage();
    }

    private static string Describe(IEnumerable<(CustomerTool Tool, ContractType Type)> rules) =>
        string.Join(", ", rules.OrderBy(r => r.Tool).ThenBy(r => r.Type).Select(r => $"{r.Tool}:{r.Type}"));
}
