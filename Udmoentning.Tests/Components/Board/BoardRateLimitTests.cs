using Bunit;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data.Sample;

namespace Udmoentning.Tests.Components.Board;

/// <summary>Moves on the board count against the same per-user budget as the hub: over it, the board says so and saves nothing.</summary>
public sealed class BoardRateLimitTests() : BoardContext(new Dictionary<string, string> { ["RateLimits:ChangesPerUser"] = "2" })
{
    [Fact]
    public async Task AMoveOverTheLimitIsRefusedWithADanishMessageAndNotSaved()
    {
        var board = RenderBoard();
        var spec = SamplePlanData.Items.Last(i => i.Status == ItemStatus.NotStarted);

        await CardActionAsync(board, spec.Code, "key", "ArrowRight");
        board.WaitForAssertion(() => Assert.Equal($"{spec.Code} flyttet til I gang.", board.Find("#board-announcer").TextContent), TimeSpan.FromSeconds(10));
        await CardActionAsync(board, spec.Code, "key", "ArrowLeft");
        board.WaitForAssertion(() => Assert.Equal($"{spec.Code} flyttet til Ikke påbegyndt.", board.Find("#board-announcer").TextContent), TimeSpan.FromSeconds(10));
        var afterTwo = await StoredAsync(spec.Code);
        await CardActionAsync(board, spec.Code, "key", "ArrowRight");

        board.WaitForAssertion(() => Assert.Contains("For mange ændringer på kort tid – vent et øjeblik.", board.Find("#board-announcer").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("For mange ændringer på kort tid", board.Find(".mud-snackbar").TextContent);
        Assert.Equal(afterTwo.Version, (await StoredAsync(spec.Code)).Version);
        Assert.Equal(ItemStatus.NotStarted, afterTwo.Status);
    }
}
