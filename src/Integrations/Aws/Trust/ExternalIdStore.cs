using System.Security.Cryptography;
using CloudpackPlus.Integrations.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudpackPlus.Integrations.Aws.Trust;

/// <summary>
/// Generates and keeps each company's external id (TOOL-1). The id grants access to the customer's role, so it is
/// stored encrypted with ASP.NET Core Data Protection (issue #17): <c>dp1:</c> and the protected payload. A row written
/// before encryption (plain text) is still read, and <see cref="ProtectLegacyAsync"/> encrypts such rows at start.
/// </summary>
public sealed class ExternalIdStore(IntegrationsDbContext db, TimeProvider time, IDataProtectionProvider? protection = null)
{
    // AWS allows 2–1224 characters of [\w+=,.@:/-]; 40 base62 characters carry ~238 bits.
    private const int Length = 40;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Prefix = "dp1:";
    private const string Purpose = "CloudpackPlus.Integrations.ExternalId.v1";

    // Only for callers that build the store by hand (unit tests): one key ring per process, never persisted.
    private static readonly IDataProtectionProvider Ephemeral = new EphemeralDataProtectionProvider();

    private readonly IDataProtector _protector = (protection ?? Ephemeral).CreateProtector(Purpose);

    /// <summary>The company's external id, created on first use. Safe under concurrent first calls.</summary>
    public async Task<string> GetOrCreateAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var existing = await FindAsync(companyId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var id = Generate();
        db.AwsTrusts.Add(new CompanyAwsTrust { CompanyId = companyId, ExternalId = Protect(id), CreatedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return id;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request created it first: use theirs so every template shows the same id.
            db.ChangeTracker.Clear();
        }

        return (await FindAsync(companyId, cancellationToken))!;
    }

    public async Task<string?> FindAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var stored = await db.AwsTrusts.AsNoTracking().Where(t => t.CompanyId == companyId).Select(t => t.ExternalId).SingleOrDefaultAsync(cancellationToken);
        return stored is null ? null : Unprotect(stored);
    }

    /// <summary>Replaces the external id (e.g. after it leaked); the customer must update the role's trust policy.</summary>
    public async Task<string> RotateAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await GetOrCreateAsync(companyId, cancellationToken);
        var trust = await db.AwsTrusts.SingleAsync(t => t.CompanyId == companyId, cancellationToken);
        var id = Generate();
        trust.ExternalId = Protect(id);
        trust.RotatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>Encrypts every external id still stored as plain text (written before issue #17); returns how many. Idempotent.</summary>
    public async Task<int> ProtectLegacyAsync(CancellationToken cancellationToken = default)
    {
        var legacy = await db.AwsTrusts.Where(t => !t.ExternalId.StartsWith(Prefix)).ToListAsync(cancellationToken);
        foreach (var trust in legacy)
        {
            trust.ExternalId = Protect(trust.ExternalId);
        }

        await db.SaveChangesAsync(cancellationToken);
        return legacy.Count;
    }

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    private string Protect(string externalId) => Prefix + _protector.Protect(externalId);

    private string Unprotect(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;
}
