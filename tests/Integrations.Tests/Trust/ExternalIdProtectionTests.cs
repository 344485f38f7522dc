using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Data;
using CloudpackPlus.Integrations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Integrations.Tests.Trust;

/// <summary>Issue #17: external ids are stored encrypted (Data Protection); rows written as plain text before are encrypted.</summary>
public sealed class ExternalIdProtectionTests(IntegrationsDatabase database) : IClassFixture<IntegrationsDatabase>
{
    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task ExternalIds_AreStoredEncrypted_AndLegacyPlainRowsAreEncryptedInPlace()
    {
        const string legacy = "LegacyPlainTextExternalId0123456789ABCDE";
        var oldCompany = Guid.NewGuid();
        var newCompany = Guid.NewGuid();
        await using var db = database.CreateContext();
        db.AwsTrusts.Add(new CompanyAwsTrust { CompanyId = oldCompany, ExternalId = legacy, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        var store = new ExternalIdStore(db, TimeProvider.System);

        Assert.Equal(legacy, await store.FindAsync(oldCompany)); // still readable before the start-up pass
        Assert.True(await store.ProtectLegacyAsync() >= 1);
        Assert.Equal(0, await store.ProtectLegacyAsync()); // idempotent
        var created = await store.GetOrCreateAsync(newCompany);

        db.ChangeTracker.Clear();
        var stored = await db.AwsTrusts.AsNoTracking().Where(t => t.CompanyId == oldCompany || t.CompanyId == newCompany)
            .ToDictionaryAsync(t => t.CompanyId, t => t.ExternalId);
        Assert.StartsWith("dp1:", stored[oldCompany], StringComparison.Ordinal);
        Assert.DoesNotContain(legacy, stored[oldCompany], StringComparison.Ordinal);
        Assert.StartsWith("dp1:", stored[newCompany], StringComparison.Ordinal);
        Assert.DoesNotContain(created, stored[newCompany], StringComparison.Ordinal);
        Assert.Equal(legacy, await store.FindAsync(oldCompany));
        Assert.Equal(created, await store.FindAsync(newCompany));
    }
}
