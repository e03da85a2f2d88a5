namespace Udmoentning.Tests.Support;

/// <summary>
/// Counts the app's starts, in the test process and as processes of their own, so the test command can say how many the
/// suite made and which classes made the most: each costs seconds, and a per-test app in a class with many tests adds up.
/// Written to the file named by <c>UDM_TEST_APP_STARTS</c> (test.sh sets it), one line per start; nothing without it.
/// </summary>
public static class AppStarts
{
    public const string Variable = "UDM_TEST_APP_STARTS";

    private static readonly Lock _writing = new();

    public static void Record(string kind)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } file)
        {
            return;
        }

        var testClass = TestContext.Current.TestClass?.TestClassName ?? "(no test)";
        lock (_writing)
        {
            File.AppendAllText(file, $"{kind}\t{testClass}{Environment.NewLine}");
        }
    }
}
