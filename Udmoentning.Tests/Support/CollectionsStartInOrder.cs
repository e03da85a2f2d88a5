using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestFramework(typeof(Udmoentning.Tests.Support.CollectionsStartInOrder))]

namespace Udmoentning.Tests.Support;

/// <summary>
/// xUnit, but the collections start in the order <see cref="LongestCollectionsFirst"/> gives them. xUnit hands every collection
/// to the thread pool at once and lets them queue for the three threads in whatever order the pool runs them (in the runs
/// measured, those queued last tended to start first), so the long collections the orderer put first often started
/// last and ran alone at the end (issue 32: the page tours and the two-node tests began 6–7 minutes in, the suite ended
/// 1½ minutes after everything else). Here a collection is only handed over when a thread is free, in the list's order.
/// </summary>
public sealed class CollectionsStartInOrder : XunitTestFramework
{
    public CollectionsStartInOrder()
    {
    }

    public CollectionsStartInOrder(string? configFileName)
        : base(configFileName)
    {
        ConfigFileName = configFileName;
    }

    private string? ConfigFileName { get; }

    protected override ITestFrameworkExecutor CreateExecutor(Assembly assembly) =>
        new Executor(new XunitTestAssembly(assembly, ConfigFileName, assembly.GetName().Version));

    /// <summary>
    /// xUnit's executor with <see cref="Runner"/> in place of its own. xUnit's also copies the assertion-printing options
    /// (<c>printMaxStringLength</c> and the like) into <c>XUNIT_PRINT_*</c> environment variables; this project sets none of
    /// them, so this one does not. Set one in an <c>xunit.runner.json</c> and it must be copied here too.
    /// </summary>
    private sealed class Executor(IXunitTestAssembly assembly) : XunitTestFrameworkExecutor(assembly)
    {
        public override async ValueTask RunTestCases(
            IReadOnlyCollection<IXunitTestCase> testCases,
            IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions,
            CancellationToken cancellationToken) =>
            await Runner.Instance.Run(TestAssembly, testCases, executionMessageSink, executionOptions, cancellationToken);
    }

    private sealed class Runner : XunitTestAssemblyRunner
    {
        public static new Runner Instance { get; } = new();

        protected override async ValueTask<RunSummary> RunTestCollections(XunitTestAssemblyRunnerContext ctxt, Exception? exception)
        {
            if (ctxt.DisableParallelization || exception is not null || ctxt.MaxParallelThreads < 1)
            {
                return await base.RunTestCollections(ctxt, exception);
            }

            ctxt.SetupParallelism();
            using var freeThreads = new SemaphoreSlim(ctxt.MaxParallelThreads);
            var token = ctxt.CancellationTokenSource.Token;
            var running = new List<Task<RunSummary>>();
            var alone = new List<(IXunitTestCollection Collection, List<IXunitTestCase> TestCases)>();
            foreach (var (collection, cases) in OrderTestCollections(ctxt))
            {
                if (collection.DisableParallelization)
                {
                    alone.Add((collection, cases));
                    continue;
                }

                try
                {
                    await freeThreads.WaitAsync(token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        return await RunTestCollection(ctxt, collection, cases);
                    }
                    finally
                    {
                        freeThreads.Release();
                    }
                }));
            }

            var summary = new RunSummary();
            foreach (var result in await Task.WhenAll(running))
            {
                summary.Aggregate(result);
            }

            foreach (var (collection, cases) in alone)
            {
                if (token.IsCancellationRequested)
                {
                    break;
                }

                summary.Aggregate(await RunTestCollection(ctxt, collection, cases));
            }

            return summary;
        }
    }
}
