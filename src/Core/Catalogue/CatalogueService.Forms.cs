using System.Text.Json;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Catalogue;

/// <summary>Apply forms with versions: the one path by which a service's form changes.</summary>
public sealed partial class CatalogueService
{
    /// <summary>The versions of a service's apply form, newest first.</summary>
    public async Task<IReadOnlyList<ApplyFormVersion>> FormVersionsAsync(string serviceId, CancellationToken cancellationToken = default) =>
        await db.ApplyFormVersions.AsNoTracking().Where(v => v.ServiceId == serviceId).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);

    /// <summary>
    /// The form schema an application of <paramref name="service"/> was made under: version <paramref name="version"/>,
    /// or the published one when the application predates versions (null) or the version is the published one.
    /// </summary>
    public async Task<string?> FormOfVersionAsync(CatalogueEntry service, int? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (version is null || version == service.FormVersion)
        {
            return service.ApplyForm;
        }

        return FormOfVersion(service, version, await db.ApplyFormVersions.AsNoTracking().Where(v => v.ServiceId == service.Id && v.Version == version)
            .Select(v => v.Schema).SingleOrDefaultAsync(cancellationToken));
    }

    /// <summary>As <see cref="FormOfVersionAsync"/> when the caller already read version <paramref name="version"/>'s stored schema (null: none stored).</summary>
    public static string? FormOfVersion(CatalogueEntry service, int? version, string? storedSchema)
    {
        ArgumentNullException.ThrowIfNull(service);
        return version is null || version == service.FormVersion ? service.ApplyForm : storedSchema ?? service.ApplyForm;
    }

    /// <summary>
    /// Publishes <paramref name="schema"/> (validated by the caller) as the service's next apply form version. Refused with
    /// <see cref="ConcurrencyConflictException"/> when the published version is no longer <paramref name="baseVersion"/>
    /// (another admin published in between): nothing is overwritten. A schema equal to the published one makes no version.
    /// </summary>
    /// <returns>The published version number.</returns>
    public async Task<int?> PublishFormAsync(string serviceId, string schema, int? baseVersion, Guid staffId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        await db.RequireStaffAsync(staffId, cancellationToken);
        var entry = await db.Catalogue.SingleOrDefaultAsync(e => e.Id == serviceId, cancellationToken) ?? throw new NotFoundException("サービス", serviceId);
        if (entry.FormVersion != baseVersion)
        {
            throw new ConcurrencyConflictException();
        }

        var before = CatalogueChange.Snapshot(entry);
        await StageFormAsync(entry, schema, staffId, cancellationToken);
        entry.UpdatedBy = staffId;
        entry.UpdatedAt = clock.GetUtcNow();
        await SaveWithHistoryAsync(entry, before, staffId, cancellationToken);
        return entry.FormVersion;
    }

    /// <summary>
    /// Sets <paramref name="target"/>'s form; when it differs from the published one it is added as the next version
    /// (numbers are never reused, also after a form was removed). Two publishes from the same base collide on the
    /// entry's xmin or on the version's primary key, and the second is refused.
    /// </summary>
    private async Task StageFormAsync(CatalogueEntry target, string? form, Guid staffId, CancellationToken cancellationToken)
    {
        form = string.IsNullOrWhiteSpace(form) ? null : form;
        if (SameForm(target.ApplyForm, form) && (form is null || target.FormVersion is not null))
        {
            return;
        }

        target.ApplyForm = form;
        if (form is null)
        {
            target.FormVersion = null;
            return;
        }

        var last = await db.ApplyFormVersions.Where(v => v.ServiceId == target.Id).MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;
        target.FormVersion = last + 1;
        db.ApplyFormVersions.Add(new ApplyFormVersion
        {
            ServiceId = target.Id, Version = last + 1, Schema = form, PublishedAt = clock.GetUtcNow(), PublishedBy = staffId,
        });
    }

    private static bool SameForm(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        try
        {
            using var x = JsonDocument.Parse(a);
            using var y = JsonDocument.Parse(b);
            return JsonElement.DeepEquals(x.RootElement, y.RootElement);
        }
        catch (JsonException)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }
    }
}
