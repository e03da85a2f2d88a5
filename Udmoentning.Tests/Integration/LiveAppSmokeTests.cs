using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.Integration;

public class LiveAppSmokeTests(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ServesTheBoardOnALoopbackPort()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        await TestUsers.SignInAsync(http, TestUsers.Reader);

        var html = await http.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("127.0.0.1", app.BaseAddress.Host);
        Assert.Contains("Klar til politisk behandling", html);
    }
}
