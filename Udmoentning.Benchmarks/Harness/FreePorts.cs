using System.Net;
using System.Net.Sockets;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>A 127.0.0.1 port nothing listens on now, as the operating system hands one out, for a server to start on.</summary>
public static class FreePorts
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
