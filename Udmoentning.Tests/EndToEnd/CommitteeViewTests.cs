using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data.Sample;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>A committee's address shows its extract of the plan: nothing more, nothing less. Reads only.</summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class CommitteeViewTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    /// <summary>Arbejdsmarkedsudvalget's extract, worked out from the sample plan itself.</summary>
    private static readonly IReadOnlyList<SampleItemSpec> _auExtract =
    [
        .. SamplePlanData.Items.Where(i =>
            i.Committee == "AU" || i.TreatedBy == "AU" || i.CrossCutting || i.Kind == ItemKind.FiscalLeewayProposal),
    ];

    [Fact]
    public async Task ACommitteeUrlShowsOnlyItsExtract()
    {
        await using var viewer = await browser.OpenAsync(app, "/udvalg/au", TestUsers.Reader);

        await Expect(viewer.Page.Locator("h1")).ToHaveTextAsync(CompoundWords.Hyphenate("Arbejdsmarkedsudvalget"));
        await Expect(viewer.Page.Locator("button.show-more")).ToHaveCountAsync(0);
        await Expect(viewer.Cards).ToHaveCountAsync(_auExtract.Count);
        var shown = await viewer.CodesAsync(viewer.Cards);
        Assert.Equal(_auExtract.Select(i => i.Code).Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));

        // Each card sits in its own status column.
        foreach (var status in Enum.GetValues<ItemStatus>())
        {
            var column = viewer.Page.Locator($"div.lane-cells > div.cell:nth-child({Viewer.ColumnIndex(status) + 1}) li.card[data-code]");
            var expected = _auExtract.Where(i => i.Status == status).Select(i => i.Code).Order(StringComparer.Ordinal);
            Assert.Equal(expected, (await viewer.CodesAsync(column)).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task AFilterInTheCommitteeUrlNarrowsTheExtract()
    {
        var inProgress = _auExtract.Where(i => i.Status == ItemStatus.InProgress).Select(i => i.Code).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(inProgress);

        await using var viewer = await browser.OpenAsync(app, "/udvalg/au?status=i-gang", TestUsers.Reader);

        await Expect(viewer.Cards).ToHaveCountAsync(inProgress.Count);
        Assert.Equal(inProgress, (await viewer.CodesAsync(viewer.Cards)).Order(StringComparer.Ordinal));
        var inProgressColumn = viewer.Page.Locator("div.lane-cells > div.cell:nth-child(2) li.card[data-code]");
        Assert.Equal(inProgress, (await viewer.CodesAsync(inProgressColumn)).Order(StringComparer.Ordinal));
    }
}
