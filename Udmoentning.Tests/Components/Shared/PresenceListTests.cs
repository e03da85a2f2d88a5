using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Realtime.Presence;

namespace Udmoentning.Tests.Components.Shared;

/// <summary>The "Ser med nu" line: names, a count, everyone in a disclosure, and a live region that does not chatter.</summary>
public sealed class PresenceListTests : BunitContext
{
    private static readonly string _scope = PresenceScopes.Board(1, null);

    private readonly ManualClock _clock = new();
    private readonly PresenceRegistry _registry;

    public PresenceListTests()
    {
        _registry = new PresenceRegistry(PresenceSettings.Default with { NotifyDelay = TimeSpan.Zero }, _clock, NullLogger<PresenceRegistry>.Instance);
        Services.AddSingleton(_registry);
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddScoped<PresenceCircuit>();
        var authorization = AddAuthorization();
        authorization.SetAuthorized("karin");
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "karin"), new Claim(AccessClaims.DisplayName, "Karin Koordinator"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void MoreThanFourOthersAreCountedAndAllAreListedInADisclosureWithYourselfMarked()
    {
        string[] names = ["Anna Jensen", "Bo Hansen", "Carl Berg", "Dan Lund", "Eva Holm", "Finn Bak"];
        _registry.ApplyRemote("node-b", 1, [.. names.Select((n, i) => new PresenceRecord(_scope, $"user-{i}", n, _clock.GetUtcNow().AddMinutes(-10 + i)))]);

        var list = Render<PresenceList>(p => p.Add(l => l.Scope, _scope));

        Assert.Equal("Ser med nu: Anna Jensen, Bo Hansen, Carl Berg, Dan Lund og 2 andre", list.Find("summary .presence-summary").TextContent);
        Assert.Equal([.. names, "Karin Koordinator (dig)"], list.FindAll("details.presence-all li").Select(li => li.TextContent));
        Assert.Equal(["Karin Koordinator"], _registry.Viewers(_scope).Where(v => v.UserId == "karin").Select(v => v.Name));
    }

    [Fact]
    public void WhoComesAndGoesIsAnnouncedAFewTimesAMinuteAtMostAndTheLineKeepsUp()
    {
        var list = Render<PresenceList>(p => p.Add(l => l.Scope, _scope));
        Assert.Equal(PresenceText.NobodyElse, list.Find(".presence-summary").TextContent);
        Assert.Empty(list.Find("[role=status]").TextContent);

        var bo = _registry.Join(_scope, "circuit-2", "bo", "Bo Hansen");
        list.WaitForAssertion(() => Assert.Equal("Bo Hansen ser nu med.", list.Find("[role=status]").TextContent));
        Assert.Equal("Ser med nu: Bo Hansen", list.Find(".presence-summary").TextContent);
        bo.Dispose();
        list.WaitForAssertion(() => Assert.Equal("Bo Hansen ser ikke længere med.", list.Find("[role=status]").TextContent));
        var anna = _registry.Join(_scope, "circuit-3", "anna", "Anna Jensen");
        list.WaitForAssertion(() => Assert.Equal("Anna Jensen ser nu med.", list.Find("[role=status]").TextContent));

        // A fourth change within the minute shows, but is not read out.
        _registry.Join(_scope, "circuit-4", "carl", "Carl Berg");
        list.WaitForAssertion(() => Assert.Equal("Ser med nu: Anna Jensen og Carl Berg", list.Find(".presence-summary").TextContent));
        Assert.Equal("Anna Jensen ser nu med.", list.Find("[role=status]").TextContent);

        _clock.Advance(TimeSpan.FromMinutes(1));
        anna.Dispose();
        list.WaitForAssertion(() => Assert.Equal("Anna Jensen ser ikke længere med.", list.Find("[role=status]").TextContent));
    }

    [Fact]
    public async Task ThePrerenderedPageCountsNobodyInAndLeavingTheViewLeavesTheScope()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var prerendered = Render<PresenceList>(p => p.Add(l => l.Scope, _scope));
        Assert.Empty(_registry.Viewers(_scope));
        Assert.Empty(prerendered.FindAll(".presence-summary"));

        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var live = Render<PresenceList>(p => p.Add(l => l.Scope, _scope));
        Assert.Single(_registry.Viewers(_scope));
        var committee = PresenceScopes.Board(1, "au");
        live.Render(p => p.Add(l => l.Scope, committee));
        Assert.Empty(_registry.Viewers(_scope));
        Assert.Single(_registry.Viewers(committee));
        await DisposeComponentsAsync();
        Assert.Empty(_registry.Viewers(committee));
    }
}
