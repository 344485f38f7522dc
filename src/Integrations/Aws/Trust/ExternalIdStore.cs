using System.Security.Cryptography;
using CloudpackPlus.Integrations.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudpackPlus.Integrations.Aws.Trust;

/// <summary>Generates and keeps each company's external id (TOOL-1).</summary>
public sealed class ExternalIdStore(IntegrationsDbContext db, TimeProvider time)
{
    // AWS allows 2–1224 characters of [\w+=,.@:/-]; 40 base62 characters carry ~238 bits.
    private const int Length = 40;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The company's external id, created on first use. Safe under concurrent first calls.</summary>
    public async Task<string> GetOrCreateAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var existing = await FindAsync(companyId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var created = new CompanyAwsTrust { CompanyId = companyId, ExternalId = Generate(), CreatedAt = time.GetUtcNow() };
        db.AwsTrusts.Add(created);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return created.ExternalId;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request created it first: use theirs so every template shows the same id.
            db.ChangeTracker.Clear();
        }

        return (await FindAsync(companyId, cancellationToken))!;
    }

    public async Task<string?> FindAsync(Guid companyId, CancellationToken cancellationToken = default) =>
        await db.AwsTrusts.AsNoTracking().Where(t => t.CompanyId == companyId).Select(t => t.ExternalId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Replaces the external id (e.g. after it leaked); the customer must update the role's trust policy.</summary>
    public async Task<string> RotateAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await GetOrCreateAsync(companyId, cancellationToken);
        var trust = await db.AwsTrusts.SingleAsync(t => t.CompanyId == companyId, cancellationToken);
        trust.ExternalId = Generate();
        trust.RotatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return trust.ExternalId;
    }

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);
}
