using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Tests.Support;

namespace CloudpackPlus.Integrations.Tests.Trust;

public sealed class ExternalIdStoreTests(IntegrationsDatabase database) : IClassFixture<IntegrationsDatabase>
{
    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task ExternalId_IsGeneratedOncePerCompany_AndIsLongAndRandom()
    {
        var company = Guid.NewGuid();
        await using var db = database.CreateContext();
        var store = new ExternalIdStore(db, TimeProvider.System);

        var first = await store.GetOrCreateAsync(company);
        var again = await store.GetOrCreateAsync(company);
        var other = await store.GetOrCreateAsync(Guid.NewGuid());

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(40, first.Length);
        Assert.Matches("^[A-Za-z0-9]{40}$", first);
    }

    [Fact]
    public async Task ConcurrentFirstUse_AgreesOnOneExternalId()
    {
        var company = Guid.NewGuid();

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var db = database.CreateContext();
            return await new ExternalIdStore(db, TimeProvider.System).GetOrCreateAsync(company);
        }));

        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Rotate_ReplacesTheExternalId()
    {
        var company = Guid.NewGuid();
        await using var db = database.CreateContext();
        var store = new ExternalIdStore(db, TimeProvider.System);
        var before = await store.GetOrCreateAsync(company);

        var after = await store.RotateAsync(company);

        Assert.NotEqual(before, after);
        Assert.Equal(after, await store.FindAsync(company));
    }
}
