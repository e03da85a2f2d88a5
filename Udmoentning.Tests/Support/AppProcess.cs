using System.Diagnostics;

namespace Udmoentning.Tests.Support;

/// <summary>The built app run as an operator runs it, `dotnet Udmoentning.Web.dll ...`, in Production unless told otherwise.</summary>
public static class AppProcess
{
    /// <summary>Runs the app until it exits by itself (a refused start, or a command such as migrate); fails if it does not.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Udmoentning.Web.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("udm-startup").FullName,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__SampleDate"] = AppFactory.SampleDate;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        AppStarts.Record("process");
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app did not stop by itself.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
