using System.Text.Json;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Workflows;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Expressions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Workflows;

/// <summary>
/// Admin: the workflow designer. The page carries the draft, its token and the palette as JSON for designer.js; the
/// editor autosaves through <see cref="OnPostSaveAsync"/> (optimistic: a save based on an old token is refused with 409
/// and kept as a refused revision), checks as the user types, and publishes a new version (running instances stay on theirs).
/// </summary>
public sealed class EditModel(IDesignerDrafts drafts, IDefinitionService definitions, DefinitionValidator validator, ActivityRegistry registry,
    StaffAudit audit, IStringLocalizer<SharedResource> text) : StaffPageModel
{
    public string DefinitionId { get; private set; } = "";

    /// <summary>The definition's name in the reader's language.</summary>
    public string Name { get; private set; } = "";

    /// <summary>The names as stored (edited in the page head; designer.js puts them into the saved graph).</summary>
    public (string Ja, string? En) Names { get; private set; } = ("", null);

    /// <summary>The editor's bootstrap: definition, token, palette, problems (read by designer.js from a JSON block).</summary>
    public string EditorJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var draft = await drafts.OpenAsync(id, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        DefinitionId = id;
        Name = draft.Graph.NameIn(PortalCultures.IsJapanese);
        Names = (draft.Graph.Name, draft.Graph.NameEn);
        EditorJson = JsonSerializer.Serialize(new
        {
            definition = draft.Graph,
            token = draft.Token,
            isPublished = draft.IsPublished,
            publishedVersion = draft.PublishedVersion,
            palette = DesignerPalette.Of(registry),
            problems = DesignerProblems.Pin(validator.Validate(draft.Graph), text),
            culture = PortalCultures.IsJapanese ? "ja" : "en",
            text = DesignerText.For(text),
        }, DesignerJson.Options);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, [FromBody] DesignerSaveRequest request, CancellationToken cancellationToken)
    {
        if (ReadGraph(id, request?.Graph) is not { } graph)
        {
            return Refused(StatusCodes.Status400BadRequest, text["Designer.BadGraph"]);
        }

        var result = await drafts.SaveAsync(graph, new DraftToken(request!.Version, request.Revision), StaffId.ToString(), cancellationToken);
        return result.Outcome switch
        {
            DraftSaveOutcome.NotFound => NotFound(),
            DraftSaveOutcome.Conflict => new JsonResult(new { error = text["Designer.Conflict"].Value, token = result.Token }) { StatusCode = StatusCodes.Status409Conflict },
            _ => new JsonResult(new { token = result.Token, problems = DesignerProblems.Pin(validator.Validate(graph), text) }),
        };
    }

    public async Task<IActionResult> OnPostPublishAsync(string id, [FromBody] DesignerPublishRequest request, CancellationToken cancellationToken)
    {
        var draft = await drafts.OpenAsync(id, cancellationToken);
        if (draft is null || request is null)
        {
            return NotFound();
        }

        if (draft.Token != new DraftToken(request.Version, request.Revision))
        {
            return new JsonResult(new { error = text["Designer.Conflict"].Value, token = draft.Token }) { StatusCode = StatusCodes.Status409Conflict };
        }

        try
        {
            var published = await definitions.PublishAsync(id, draft.Token.Version, StaffId.ToString(), cancellationToken);
            await audit.RunAsync(PageActor.Of(User), "workflow.published", null,
                () => Task.FromResult<string?>($"{id} v{published.Version} (was v{draft.PublishedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"})"), cancellationToken);
            return new JsonResult(new { version = published.Version, token = new DraftToken(published.Version, 0), message = text["Designer.Published", published.Version].Value });
        }
        catch (WorkflowValidationException e)
        {
            return new JsonResult(new { error = text["Designer.PublishRefused"].Value, problems = DesignerProblems.Pin(e.Problems, text) })
            {
                StatusCode = StatusCodes.Status422UnprocessableEntity,
            };
        }
        catch (WorkflowDefinitionException)
        {
            return Refused(StatusCodes.Status400BadRequest, text["Designer.BadGraph"]);
        }
    }

    public IActionResult OnPostValidate(string id, [FromBody] DesignerValidateRequest request) =>
        ReadGraph(id, request?.Graph) is { } graph
            ? new JsonResult(new { problems = DesignerProblems.Pin(validator.Validate(graph), text) })
            : Refused(StatusCodes.Status400BadRequest, text["Designer.BadGraph"]);

    /// <summary>The same parser the runtime evaluates with (ExpressionEvaluator.Check), so "no errors" here means it runs.</summary>
    public IActionResult OnPostExpression([FromBody] DesignerExpressionRequest request) =>
        request?.Text is not { Length: <= 20_000 } t ? Refused(StatusCodes.Status400BadRequest, text["Designer.BadGraph"])
            : new JsonResult(new { errors = t.Length > 0 ? ExpressionEvaluator.Check(t, request!.Template) : [] });

    public IActionResult OnPostForm([FromBody] DesignerFormRequest request)
    {
        // A post without a JSON body (a form, nothing) is refused; a schema that does not parse is answered with its errors.
        if (request is null || request.Form.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return Refused(StatusCodes.Status400BadRequest, text["Designer.BadGraph"]);
        }

        try
        {
            var schema = FormSchema.Parse(request.Form.GetRawText());
            return new JsonResult(new { errors = Array.Empty<string>(), fields = schema.Fields });
        }
        catch (FormatException e)
        {
            return new JsonResult(new { errors = new[] { e.Message } });
        }
    }

    private static WorkflowGraph? ReadGraph(string id, JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        try
        {
            var graph = WorkflowGraph.Parse(element.GetRawText());
            return graph.DefinitionId == id && graph.Activities is not null && graph.Connections is not null && (graph.Name?.Length ?? 0) <= DesignerLimits.MaxName
                && (graph.NameEn?.Length ?? 0) <= DesignerLimits.MaxName ? graph : null;
        }
        catch (WorkflowDefinitionException)
        {
            return null;
        }
    }

    private static JsonResult Refused(int status, string message) => new(new { error = message }) { StatusCode = status };
}
