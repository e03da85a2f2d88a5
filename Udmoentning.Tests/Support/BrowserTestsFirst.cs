using Udmoentning.Tests.EndToEnd;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(Udmoentning.Tests.Support.BrowserTestsFirst))]

namespace Udmoentning.Tests.Support;

/// <summary>
/// Starts the browser tests' collection first. Its classes run one after another and make the suite's longest chain
/// (about nine minutes); started after other collections had taken both threads, it began four minutes in and the
/// suite ended when it did. The other collections keep xUnit's own order and share the other thread.
/// </summary>
public sealed class BrowserTestsFirst : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection
    {
        var ordered = DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections);
        return [.. ordered.Where(c => IsBrowserTests(c)), .. ordered.Where(c => !IsBrowserTests(c))];
    }

    private static bool IsBrowserTests(ITestCollection collection) => collection.TestCollectionDisplayName == EndToEndCollection.Name;
}
