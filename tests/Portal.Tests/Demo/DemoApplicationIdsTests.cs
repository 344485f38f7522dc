using System.Reflection;
using CloudpackPlus.Portal.Demo;

namespace CloudpackPlus.Portal.Tests.Demo;

public sealed class DemoApplicationIdsTests
{
    // The consulting seeder once reused the ACCT-D and COST-L demo's ids: with the simulated AWS (the demo's mode)
    // it then "found" those applications as its own and the demo had no COST-C or SEC-C application.
    [Fact]
    public void EverySeederHasApplicationIdsOfItsOwn()
    {
        var ids = typeof(DemoApplicationIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.Name, Id: (Guid)f.GetValue(null)!)).ToList();

        Assert.True(ids.Count >= 8, $"{ids.Count} ids");
        var shared = ids.GroupBy(i => i.Id).Where(g => g.Count() > 1).Select(g => string.Join(" = ", g.Select(i => i.Name))).ToList();
        Assert.True(shared.Count == 0, "shared demo application ids: " + string.Join("; ", shared));
    }
}
