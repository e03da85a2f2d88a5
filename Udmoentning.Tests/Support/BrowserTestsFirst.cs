using Udmoentning.Tests.EndToEnd;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(Udmoentning.Tests.Support.BrowserTestsFirst))]

// Three collections at a time: the two chains of browser tests and one more. The browser tests mostly wait on a browser
// or an app, which left a core idle with two at a time. Four were tried (issue 32): the cores are already busy, so the
// run took as long (10 m 20 s against 10 m 19 s) and each test longer.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]

namespace Udmoentning.Tests.Support;

/// <summary>
/// Starts the browser tests' two chains first, and the long collections right after them. The chains' classes run one
/// after another and make the suite's longest chains; started after other collections had taken the threads, one began
/// four minutes in and the suite ended when it did.
/// The other collections keep xUnit's own order and share the other thread.
/// </summary>
public sealed class BrowserTestsFirst : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection
    {
        var ordered = DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections);
        return [.. ordered.OrderBy(c => Rank(c))];
    }

    /// <summary>
    /// The two chains first, then the longest collections of their own (the two-node tests, the page tours), then the rest
    /// in xUnit's order. xUnit does not always keep to it: on 2026-12-06 the two-node tests ran last in some runs (about
    /// 80 s, alone at the end) and early in others (about 280 s beside the browser chains); neither was clearly faster.
    /// </summary>
    private static int Rank(ITestCollection collection) => collection.TestCollectionDisplayName switch
    {
        EndToEndCollection.Name or EndToEndBesideCollection.Name => 0,
        MultiNodeCollection.Name or PageTourCollection.Name => 1,
        _ => 2,
    };
}
