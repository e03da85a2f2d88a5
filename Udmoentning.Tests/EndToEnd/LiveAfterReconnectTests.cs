using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Rules;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Planning;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class LiveAfterReconnectTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task TheMeeting()
    {
        CircuitLine line = null!;
        await using var viewer = await browser.OpenAsync(app, "/moede/kuu", TestUsers.Reader, board: false, prepare: async c => line = await CircuitLine.AttachAsync(c));
        await Expect(viewer.Page.Locator(".meeting-status")).ToBeVisibleAsync();
        var plan = await app.Services.GetRequiredService<PlanReader>().CurrentAsync(TestContext.Current.CancellationToken) ?? throw new InvalidOperationException();
        var item = CommitteeExtract.For(plan.CommitteeBySlug("kuu")!, plan.Items).First();
        var title = $"Ny titel {Guid.NewGuid():N}"[..20];

        await line.CutAsync(viewer.Page);
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var saved = await app.Services.GetRequiredService<PlanItemService>().UpdateAsync(coordinator, item.Id, item.Version, item.ToDetails() with { Title = title }, TestContext.Current.CancellationToken);
        Assert.True(saved.Succeeded, saved.Message);
        await line.MendAsync(viewer.Page);

        await Expect(viewer.Page.Locator($".meeting-outline li[data-code='{item.Code}']")).ToContainTextAsync(title);
    }
}
