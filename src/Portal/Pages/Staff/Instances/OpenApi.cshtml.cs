using CloudpackPlus.Portal.Operations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Pages.Staff.Instances;

/// <summary>One operation of the OpenAPI document as the staff page lists it.</summary>
public sealed record ApiOperation(string Method, string Path, string? Summary, IReadOnlyList<string> Parameters, bool HasBody, IReadOnlyList<string> Responses);

/// <summary>
/// The workflow, task and calendar APIs' OpenAPI document (<c>/openapi/workflows.json</c>, the framework's generator)
/// rendered readably for staff: one table row per operation with its parameters, body and answers.
/// </summary>
public sealed class OpenApiModel([FromKeyedServices(OperationsServiceCollectionExtensions.OpenApiDocument)] IOpenApiDocumentProvider documents) : PageModel
{
    public string Title { get; private set; } = "";

    public IReadOnlyList<ApiOperation> Operations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var document = await documents.GetOpenApiDocumentAsync(cancellationToken);
        Title = document.Info?.Title ?? "";
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operations.Add(new ApiOperation(
                    method.ToString().ToUpperInvariant(), path, operation.Summary ?? operation.Description,
                    (operation.Parameters ?? []).Select(p => $"{p.Name} ({p.In?.ToString().ToLowerInvariant()}{(p.Required ? ", required" : "")})").ToList(),
                    operation.RequestBody is not null,
                    (operation.Responses ?? []).Select(r => r.Key).ToList()));
            }
        }

        Operations = operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList();
        return Page();
    }
}
