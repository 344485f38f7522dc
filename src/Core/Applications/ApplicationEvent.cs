using System.Text.Json;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Applications;

/// <summary>Codes of the customer-visible milestones of an application (rendered in the reader's language).</summary>
public static class ApplicationEventCodes
{
    /// <summary>Applied (parameters: service, tickets, terms id and version when accepted).</summary>
    public const string Applied = "applied";

    /// <summary>Status changed (parameters: status, scheduledAt).</summary>
    public const string Status = "status";

    /// <summary>Completed; tickets spent (parameters: spent).</summary>
    public const string Completed = "completed";

    /// <summary>Cancelled; tickets returned (parameters: reason, byStaff).</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>
/// APP-2: one milestone of an application's history, written in the same transaction as the change it
/// records. Kept with the application (not in the workflow journal, which
/// <c>Workflows:JournalRetention</c> deletes a year after the instance ends), so audit never loses it.
/// Stores a code and parameters, never text in one language.
/// </summary>
public sealed class ApplicationEvent : ICompanyOwned
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Id { get; init; }

    public Guid ApplicationId { get; init; }

    public Guid CompanyId { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>An <see cref="ApplicationEventCodes"/> value.</summary>
    public required string Code { get; init; }

    /// <summary>The code's parameters (jsonb object of strings), if any.</summary>
    public string? Parameters { get; init; }

    /// <summary>Who made the change: a person id, or <c>system</c>.</summary>
    public string? Actor { get; init; }

    /// <summary>The parameters as strings.</summary>
    public IReadOnlyDictionary<string, string?> ParameterValues() =>
        Parameters is null ? new Dictionary<string, string?>() : JsonSerializer.Deserialize<Dictionary<string, string?>>(Parameters, Json) ?? [];

    /// <summary>Adds an event for the application to the context (saved with the caller's change).</summary>
    public static ApplicationEvent Record(CoreDbContext db, ServiceApplication application, DateTimeOffset at, string code,
        IReadOnlyDictionary<string, string?>? parameters, string? actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        var row = new ApplicationEvent
        {
            ApplicationId = application.Id, CompanyId = application.CompanyId, At = at, Code = code, Actor = actor,
            Parameters = parameters is null || parameters.Count == 0 ? null : JsonSerializer.Serialize(parameters, Json),
        };
        db.ApplicationEvents.Add(row);
        return row;
    }

    /// <summary>An application's events, oldest first.</summary>
    public static async Task<IReadOnlyList<ApplicationEvent>> ListAsync(CoreDbContext db, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ApplicationEvents.AsNoTracking().Where(e => e.ApplicationId == applicationId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
    }
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> builder)
    {
        builder.ToTable("application_events");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Code).HasMaxLength(64);
        builder.Property(e => e.Parameters).HasColumnType("jsonb");
        builder.Property(e => e.Actor).HasMaxLength(100);
        builder.HasIndex(e => new { e.ApplicationId, e.At });
        builder.HasOne<ServiceApplication>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
