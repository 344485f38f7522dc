using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CloudpackPlus.Testing;

/// <summary>
/// Marks a test class that runs for minutes (a fault drill, a fuzz over every route): <see cref="LongFirstOrderer"/>
/// starts it before the short classes, so it does not begin last and run on alone while the other threads idle.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RunsLongAttribute(int seconds) : Attribute
{
    /// <summary>About how long the class takes on 2 quiet cores; the longest start first.</summary>
    public int Seconds { get; } = seconds;
}

/// <summary>
/// Orders the test collections of an assembly longest first (those whose class or collection definition carries
/// <see cref="RunsLongAttribute"/>, by its estimate), then the others in xunit's usual order. Register with
/// <c>[assembly: TestCollectionOrderer(LongFirstOrderer.TypeName, LongFirstOrderer.AssemblyName)]</c>.
/// </summary>
public sealed class LongFirstOrderer : ITestCollectionOrderer
{
    public const string TypeName = "CloudpackPlus.Testing.LongFirstOrderer";

    public const string AssemblyName = "CloudpackPlus.Testing";

    private const string DefaultCollectionPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        ArgumentNullException.ThrowIfNull(testCollections);
        return testCollections
            .Select(c => (Collection: c, Seconds: EstimatedSeconds(c)))
            .OrderByDescending(c => c.Seconds)
            .ThenBy(c => c.Collection.UniqueID) // xunit's default order
            .Select(c => c.Collection)
            .ToList();
    }

    /// <summary>The class's (or collection definition's) estimate; 0 when it has none.</summary>
    public static int EstimatedSeconds(ITestCollection collection)
    {
        var type = collection.CollectionDefinition;
        if (type is null && collection.DisplayName.StartsWith(DefaultCollectionPrefix, StringComparison.Ordinal))
        {
            // A class without [Collection] is a collection of its own, named after the class.
            type = collection.TestAssembly.Assembly.GetType(collection.DisplayName[DefaultCollectionPrefix.Length..]);
        }

        var attribute = type?.GetCustomAttributes(typeof(RunsLongAttribute).AssemblyQualifiedName).FirstOrDefault();
        return attribute?.GetConstructorArguments().FirstOrDefault() is int seconds ? seconds : 0;
    }
}
