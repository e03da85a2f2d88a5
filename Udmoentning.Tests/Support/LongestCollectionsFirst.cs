using Udmoentning.Tests.EndToEnd;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(Udmoentning.Tests.Support.LongestCollectionsFirst))]

// Three collections at a time: the two chains of browser tests and one more. The browser tests mostly wait on a browser
// or an app, which left a core idle with two at a time. Four were tried (issue 32): the cores are already busy, so the
// run took as long (10 m 20 s against 10 m 19 s) and each test longer.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]

namespace Udmoentning.Tests.Support;

/// <summary>
/// Starts the longest collections first, so that the three threads end together: the browser tests' two chains (their
/// classes run one after another), the page tours, the two-node tests, then the longest classes of their own; the rest
/// keep xUnit's order. <see cref="CollectionsStartInOrder"/> makes xUnit start them in this order. The lengths are those
/// of the clean-clone runs in docs/test-time.md; a class that grows past the ones here belongs in the list.
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    private static readonly string[] LongestFirst =
    [
        EndToEndCollection.Name, EndToEndBesideCollection.Name, PageTourCollection.Name, MultiNodeCollection.Name,
        typeof(Integration.RunFromAnywhereTests).FullName!, typeof(Import.WorkbookFileTests).FullName!, typeof(Notifications.OutboxTests).FullName!, RoundsCollection.Name,
        typeof(Integration.PlanItemServiceFuzzTests).FullName!, typeof(Integration.StartupTests).FullName!,
    ];

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection
    {
        var ordered = DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections);
        return [.. ordered.OrderBy(c => Rank(c))];
    }

    /// <summary>
    /// The place in <see cref="LongestFirst"/>: a named collection by its name, a class's own collection ("Test collection
    /// for Namespace.Class (id: …)") by its class.
    /// </summary>
    private static int Rank(ITestCollection collection)
    {
        var name = collection.TestCollectionDisplayName;
        var place = Array.FindIndex(LongestFirst, n => name == n || name.StartsWith($"Test collection for {n} ", StringComparison.Ordinal));
        return place < 0 ? LongestFirst.Length : place;
    }
}
