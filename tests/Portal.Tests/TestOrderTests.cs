using CloudpackPlus.Portal.Tests.Faults;
using CloudpackPlus.Portal.Tests.Hardening;
using CloudpackPlus.Portal.Tests.Identity;
using CloudpackPlus.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CloudpackPlus.Portal.Tests;

/// <summary>The order this assembly's classes start in (<see cref="LongFirstOrderer"/>, registered in TestOrder.cs).</summary>
public sealed class TestOrderTests
{
    private static readonly TestAssembly Assembly = new(Reflector.Wrap(typeof(TestOrderTests).Assembly));

    [Fact]
    public void LongClasses_StartFirst_LongestFirst_ThenTheOthersInXunitsOrder()
    {
        var shortOne = Collection(typeof(SignInTests));
        var shortTwo = Collection(typeof(TestOrderTests));
        var fuzz = Collection(typeof(RouteFuzzTests));
        var drill = Collection(typeof(DiskFullTests));

        var ordered = new LongFirstOrderer().OrderTestCollections([shortOne, drill, shortTwo, fuzz]).ToList();

        Assert.Equal(new[] { fuzz, drill }, ordered.Take(2));
        Assert.Equal(new[] { shortOne, shortTwo }.OrderBy(c => c.UniqueID), ordered.Skip(2));
    }

    [Fact]
    public void TheAssembly_UsesTheOrderer()
    {
        Assert.Single(typeof(TestOrderTests).Assembly.GetCustomAttributes(typeof(TestCollectionOrdererAttribute), false));
        Assert.Equal(190, LongFirstOrderer.EstimatedSeconds(Collection(typeof(RouteFuzzTests))));
        Assert.Equal(0, LongFirstOrderer.EstimatedSeconds(Collection(typeof(SignInTests))));
    }

    // As xunit names the collection of a class without [Collection]: "Test collection for <full name>".
    private static TestCollection Collection(Type type) => new TestCollection(Assembly, null, "Test collection for " + type.FullName);
}
