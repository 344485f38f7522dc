using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;

namespace CloudpackPlus.Portal.Pages.Staff.Catalogue;

/// <summary>ADV-1: what an admin edits of a catalogue entry. The workflow, apply form and sort order are kept as they are.</summary>
public sealed class CatalogueFields
{
    public const int MaxName = 200;
    public const int MaxDescription = 2000;
    public const int MaxCost = 1000;
    public const int MaxCapacity = 100_000;

    public string? NameJa { get; set; }

    public string? NameEn { get; set; }

    public string? DescriptionJa { get; set; }

    public string? DescriptionEn { get; set; }

    public ServiceCategory Category { get; set; }

    public int? TicketCost { get; set; }

    public List<Rank> AllowedRanks { get; set; } = [];

    public List<ContractType> AllowedContractTypes { get; set; } = [];

    public int? YearlyCapacity { get; set; }

    public bool CustomerCancellable { get; set; }

    /// <summary>The entry's xmin when the form was shown.</summary>
    public uint Version { get; set; }

    public static CatalogueFields From(CatalogueEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new CatalogueFields
        {
            NameJa = entry.NameJa, NameEn = entry.NameEn, DescriptionJa = entry.DescriptionJa, DescriptionEn = entry.DescriptionEn,
            Category = entry.Category, TicketCost = entry.TicketCost, AllowedRanks = [.. entry.AllowedRanks],
            AllowedContractTypes = [.. entry.AllowedContractTypes], YearlyCapacity = entry.YearlyCapacity,
            CustomerCancellable = entry.CustomerCancellable, Version = entry.RowVersion,
        };
    }

    /// <summary>Whether every value is within its limits (the service checks the rules; this keeps oversize input out of the database).</summary>
    public bool IsWithinLimits() =>
        !string.IsNullOrWhiteSpace(NameJa) && NameJa.Trim().Length <= MaxName
        && !string.IsNullOrWhiteSpace(NameEn) && NameEn.Trim().Length <= MaxName
        && (DescriptionJa?.Length ?? 0) <= MaxDescription && (DescriptionEn?.Length ?? 0) <= MaxDescription
        && Enum.IsDefined(Category) && TicketCost is > 0 and <= MaxCost
        && YearlyCapacity is null or (>= 0 and <= MaxCapacity)
        && AllowedRanks.All(Enum.IsDefined) && AllowedContractTypes.All(Enum.IsDefined);

    /// <summary>The entry as saved: these fields over the current entry's others.</summary>
    public CatalogueEntry Onto(CatalogueEntry current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new CatalogueEntry
        {
            Id = current.Id, NameJa = NameJa!.Trim(), NameEn = NameEn!.Trim(), DescriptionJa = DescriptionJa?.Trim() ?? "", DescriptionEn = DescriptionEn?.Trim() ?? "",
            Category = Category, TicketCost = TicketCost ?? 0, AllowedRanks = [.. AllowedRanks.Distinct()], AllowedContractTypes = [.. AllowedContractTypes.Distinct()],
            YearlyCapacity = YearlyCapacity, CustomerCancellable = CustomerCancellable, IsActive = current.IsActive,
            WorkflowDefinitionId = current.WorkflowDefinitionId, ApplyForm = current.ApplyForm, OneAwsAccountPerApplication = current.OneAwsAccountPerApplication,
            SortOrder = current.SortOrder,
        };
    }
}
