using System.Text.RegularExpressions;
using Bunit;
using MudBlazor;
using MudBlazor.Services;
using Udmoentning.Web.Economy;

namespace Udmoentning.Tests.Components.Economy;

/// <summary>A chart's vertical axis is written as the table beside it is: Danish thousands, in round steps.</summary>
public sealed partial class ChartFigureTests : BunitContext
{
    public ChartFigureTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Theory]
    [InlineData(ChartType.Bar)]
    [InlineData(ChartType.StackedBar)]
    public void TheAxisHasDanishThousandsInRoundSteps(ChartType type)
    {
        var numbers = new ChartNumbers(["2026", "2027"], [new ChartRow("Mål", [21_760, 20_480]), new ChartRow("Realiseret", [0, 1_000])]);

        var chart = Render<ChartFigure>(p => p.Add(c => c.Id, "test").Add(c => c.Caption, "Mål").Add(c => c.RowHeader, "År").Add(c => c.Numbers, numbers).Add(c => c.Type, type));

        var axis = chart.FindAll("svg text").Select(t => t.TextContent.Trim()).Where(t => Number().IsMatch(t)).ToList();
        Assert.True(axis.Count >= 3, $"Axis labels: {string.Join(", ", chart.FindAll("svg text").Select(t => t.TextContent))}");
        Assert.Contains("5.000", axis);
        Assert.All(axis, label => Assert.Equal(0, long.Parse(label.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) % 5_000));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4, 1)]
    [InlineData(87, 20)]
    [InlineData(21_760, 5_000)]
    [InlineData(11_600, 2_500)]
    [InlineData(1_000_000, 200_000)]
    public void StepsAreRound(long highest, int step) => Assert.Equal(step, ChartFigure.RoundStep(highest));

    [GeneratedRegex(@"^-?\d{1,3}(\.\d{3})*$")]
    private static partial Regex Number();
}
