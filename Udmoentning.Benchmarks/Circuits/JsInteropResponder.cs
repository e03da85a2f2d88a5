using System.Collections.Concurrent;
using System.Text.Json;

namespace Udmoentning.Benchmarks.Circuits;

/// <summary>
/// Answers the server's <c>JS.BeginInvokeJS</c> calls as a browser that has nothing to report would:
/// success with <c>null</c>, a fresh JS object reference when .NET asked for one, or, for the few calls whose
/// result is a value type, a plausible value. The answer is the JSON array <c>[asyncHandle, succeeded, result]</c>
/// that Microsoft.JSInterop.js sends back.
/// </summary>
public sealed class JsInteropResponder
{
    // Microsoft.JSInterop's JSCallResultType.
    private const int JSObjectReference = 1;
    private const int JSStreamReference = 2;

    /// <summary>Calls made while the board starts whose result .NET reads as a value type, where <c>null</c> would not do.</summary>
    private static readonly Dictionary<string, object> _knownResults = new()
    {
        ["window.hasOwnProperty"] = true, // MudBlazor: is its script loaded?
        ["mudpopoverHelper.countProviders"] = 1,
    };

    private readonly ConcurrentQueue<string> _calls = new();
    private long _nextObjectId;

    /// <summary>The identifiers called so far, in order (for diagnostics).</summary>
    public IReadOnlyCollection<string> Calls => _calls;

    public (bool Succeeded, string ArgumentsJson) Answer(long asyncHandle, string identifier, int resultType)
    {
        _calls.Enqueue(identifier);
        return resultType switch
        {
            JSObjectReference => Succeed(asyncHandle, new Dictionary<string, long> { ["__jsObjectId"] = Interlocked.Increment(ref _nextObjectId) }),
            JSStreamReference => (false, JsonSerializer.Serialize<object[]>([asyncHandle, false, $"A headless viewer has no stream for '{identifier}'."])),
            _ => Succeed(asyncHandle, _knownResults.GetValueOrDefault(identifier)),
        };
    }

    private static (bool, string) Succeed(long asyncHandle, object? result) => (true, JsonSerializer.Serialize<object?[]>([asyncHandle, true, result]));
}
