using System.Text.Json;
using System.Text.RegularExpressions;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Terms;
using CloudpackPlus.Portal.Identity;
using IDefinitionService = CloudpackPlus.Workflows.Definitions.IDefinitionService;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CloudpackPlus.Portal.Apis;

/// <summary>A catalogue entry as an admin posts it (<c>PUT /api/services/{id}</c>); <see cref="ApplyForm"/> is a form-language object.</summary>
public sealed record ServiceRequest(
    string? NameJa, string? NameEn, string? Category, string? DescriptionJa, string? DescriptionEn, string? WorkflowDefinitionId,
    int TicketCost, bool OneAwsAccountPerApplication, IReadOnlyList<string>? AllowedRanks, IReadOnlyList<string>? AllowedContractTypes,
    int? YearlyCapacity, bool CustomerCancellable = true, bool IsActive = true, int SortOrder = 100, JsonElement? ApplyForm = null);

/// <summary>A new version of a terms document (<c>PUT /api/terms/{id}</c>).</summary>
public sealed record TermsRequest(string? TitleJa, string? TitleEn, string? TextJa, string? TextEn);

/// <summary>
/// Services as data: admins add or change a service (catalogue fields + apply form) and publish terms
/// versions without a redeploy. Bad input answers 400 problem+json naming the field; nothing is half-saved.
/// </summary>
public static partial class ServicesApi
{
    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/api/services/{id}", PutServiceAsync).RequireAuthorization(PortalRoles.AdminPolicy);
        endpoints.MapPut("/api/terms/{id}", PutTermsAsync).RequireAuthorization(PortalRoles.AdminPolicy);
        return endpoints;
    }

    /// <summary><c>PUT /api/services/{id}</c>: adds or changes a catalogue entry with its apply form.</summary>
    public static async Task<Results<Ok<CatalogueEntry>, ValidationProblem>> PutServiceAsync(string id, ServiceRequest request, HttpContext http,
        CatalogueService catalogue, ApplyForms forms, IDefinitionService definitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(forms);
        ArgumentNullException.ThrowIfNull(definitions);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Problem(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];
        if (!ServiceId().IsMatch(id))
        {
            Problem("id", "2-32 characters: capital letters, digits and '-', starting with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(request.NameJa) || request.NameJa.Length > 200)
        {
            Problem("nameJa", "required, at most 200 characters.");
        }

        if (string.IsNullOrWhiteSpace(request.NameEn) || request.NameEn.Length > 200)
        {
            Problem("nameEn", "required, at most 200 characters.");
        }

        if ((request.DescriptionJa?.Length ?? 0) > 2000 || (request.DescriptionEn?.Length ?? 0) > 2000)
        {
            Problem("description", "at most 2000 characters per language.");
        }

        if (!Enum.TryParse<ServiceCategory>(request.Category, ignoreCase: false, out var category) || !Enum.IsDefined(category))
        {
            Problem("category", $"one of: {string.Join(", ", Enum.GetNames<ServiceCategory>())}.");
        }

        if (request.TicketCost <= 0)
        {
            Problem("ticketCost", "must be at least 1.");
        }

        if (request.YearlyCapacity < 0)
        {
            Problem("yearlyCapacity", "must be 0 or more (or null for unlimited).");
        }

        var ranks = Parse<Rank>(request.AllowedRanks, "allowedRanks", Problem);
        var contracts = Parse<ContractType>(request.AllowedContractTypes, "allowedContractTypes", Problem);
        string? form = null;
        if (request.ApplyForm is { ValueKind: not JsonValueKind.Null } applyForm)
        {
            form = applyForm.GetRawText();
            foreach (var (field, problem) in forms.Problems(form))
            {
                Problem(field, problem);
            }
        }

        if (request.WorkflowDefinitionId is { Length: > 0 } definitionId
            && !(await definitions.ListAsync(cancellationToken)).Any(d => d.DefinitionId == definitionId && d.IsPublished))
        {
            Problem("workflowDefinitionId", $"'{definitionId}' has no published version (import it with /api/workflows/definitions/import?publish=true first).");
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The service cannot be saved.");
        }

        try
        {
            var saved = await catalogue.SaveAsync(new CatalogueEntry
            {
                Id = id, NameJa = request.NameJa!.Trim(), NameEn = request.NameEn!.Trim(), Category = category,
                DescriptionJa = request.DescriptionJa ?? "", DescriptionEn = request.DescriptionEn ?? "",
                WorkflowDefinitionId = request.WorkflowDefinitionId, ApplyForm = form, TicketCost = request.TicketCost,
                OneAwsAccountPerApplication = request.OneAwsAccountPerApplication, AllowedRanks = ranks, AllowedContractTypes = contracts,
                YearlyCapacity = request.YearlyCapacity, CustomerCancellable = request.CustomerCancellable, IsActive = request.IsActive,
                SortOrder = request.SortOrder,
            }, PortalClaims.PersonIdOf(http.User) ?? Guid.Empty, cancellationToken);
            return TypedResults.Ok(saved);
        }
        catch (ProgrammeRuleException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["service"] = [e.MessageEn] }, title: "The service cannot be saved.");
        }
    }

    /// <summary><c>PUT /api/terms/{id}</c>: publishes a new version of a terms document (WEB-2).</summary>
    public static async Task<Results<Ok<TermsDocument>, ValidationProblem>> PutTermsAsync(string id, TermsRequest request, HttpContext http,
        TermsService terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(terms);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, value) in new[] { ("titleJa", request.TitleJa), ("titleEn", request.TitleEn), ("textJa", request.TextJa), ("textEn", request.TextEn) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = ["required."];
            }
        }

        if (!TermsId().IsMatch(id))
        {
            errors["id"] = ["2-64 characters: lower-case letters, digits and '-'."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The terms cannot be published.");
        }

        try
        {
            return TypedResults.Ok(await terms.PublishAsync(id, request.TitleJa!, request.TitleEn!, request.TextJa!, request.TextEn!,
                PortalClaims.PersonIdOf(http.User) ?? Guid.Empty, cancellationToken));
        }
        catch (ProgrammeRuleException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["terms"] = [e.MessageEn] }, title: "The terms cannot be published.");
        }
    }

    private static List<T> Parse<T>(IReadOnlyList<string>? values, string field, Action<string, string> problem) where T : struct, Enum
    {
        var parsed = new List<T>();
        foreach (var value in values ?? [])
        {
            if (Enum.TryParse<T>(value, ignoreCase: false, out var item) && Enum.IsDefined(item))
            {
                parsed.Add(item);
            }
            else
            {
                problem(field, $"'{value}' is not one of: {string.Join(", ", Enum.GetNames<T>())}.");
            }
        }

        return parsed;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,31}$")]
    private static partial Regex ServiceId();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex TermsId();
}
