using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Benchmarks.Circuits;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Access;

/// <summary>One user cannot hold circuits without bound: over <c>Circuits:MaxPerUser</c> the newest tab shows why instead of the board.</summary>
public sealed class CircuitCapTests
{
    private static readonly TimeSpan _rendered = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheNewestCircuitOverTheCapIsRefusedWithADanishMessageAndOthersKeepWorking()
    {
        await using var app = new LiveApp { Settings = new Dictionary<string, string> { ["Circuits:MaxPerUser"] = "2" } };
        await app.InitializeAsync();
        var reader = await DemoSignIn.SignInAsync(app.BaseAddress, TestUsers.Reader, Token);
        var editor = await DemoSignIn.SignInAsync(app.BaseAddress, TestUsers.EditorAu, Token);
        var board = SamplePlanData.Items[0].Code;

        await using var first = await BlazorCircuitClient.ConnectAsync(app.Url("/"), reader, Token);
        var second = await BlazorCircuitClient.ConnectAsync(app.Url("/"), reader, Token);
        await using var third = await BlazorCircuitClient.ConnectAsync(app.Url("/"), reader, Token);
        await using var otherUser = await BlazorCircuitClient.ConnectAsync(app.Url("/"), editor, Token);

        await first.WaitForBatchAsync(b => b.ContainsText(board), _rendered, Token);
        await second.WaitForBatchAsync(b => b.ContainsText(board), _rendered, Token);
        await third.WaitForBatchAsync(b => b.ContainsText(CircuitAdmission.TooMany), _rendered, Token);
        Assert.DoesNotContain(third.RecentBatches, b => b.ContainsText(board));
        await otherUser.WaitForBatchAsync(b => b.ContainsText(board), _rendered, Token);

        // Closing a tab (as the browser does on leaving the page) frees its place.
        await second.DisposeAsync();
        var counts = app.Services.GetRequiredService<CircuitCounts>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (counts.For("bruger:" + await UserIdAsync(app, TestUsers.Reader)) >= 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Token);
        }

        await using var fourth = await BlazorCircuitClient.ConnectAsync(app.Url("/"), reader, Token);
        await fourth.WaitForBatchAsync(b => b.ContainsText(board), _rendered, Token);
    }

    private static async Task<string> UserIdAsync(LiveApp app, string userName) =>
        (await TestUsers.PrincipalAsync(app.Services, userName)).FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;
}
