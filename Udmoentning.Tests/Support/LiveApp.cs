using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Udmoentning.Tests.Support;

/// <summary>The real app on Kestrel at 127.0.0.1 on a free port, for browsers and SignalR clients.</summary>
public class LiveApp : AppFactory, IAsyncLifetime
{
    public Uri BaseAddress { get; private set; } = null!;

    public virtual ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();

        // When the app's own start-up gives up (it logs why and returns), the factory still returns; the host never started.
        if (!Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The app did not start: {string.Join(" | ", Problems.TakeNew())}");
        }

        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseUrls("http://127.0.0.1:0");
    }

    public Uri Url(string path) => new(BaseAddress, path);

    async ValueTask IAsyncDisposable.DisposeAsync() => await base.DisposeAsync();
}
