using System.Globalization;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>min / p50 / p95 / p99 / max of a set of durations in milliseconds.</summary>
public sealed record Stats(int Count, double Min, double P50, double P95, double P99, double Max)
{
    public static Stats Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return new Stats(sorted.Length, sorted[0], Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    public string Row => $"{Ms(Min)} | {Ms(P50)} | {Ms(P95)} | {Ms(P99)}";

    public static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
