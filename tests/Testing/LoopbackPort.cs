using System.Net;
using System.Net.Sockets;

namespace CloudpackPlus.Testing;

/// <summary>A free TCP port on 127.0.0.1 for a server a test starts (Kestrel, the SMTP catcher, a PostgreSQL cluster).</summary>
public static class LoopbackPort
{
    /// <summary>
    /// A port below Linux's ephemeral range (32768–60999) that nothing listens on now. A port the OS hands out for
    /// bind(0) is also what it gives outgoing connections, so with many connections opening (the fault tests, parallel
    /// test projects) it can be taken between this check and the server's own bind; ports below the range are only
    /// taken by listeners. Random, so parallel test processes rarely try the same one.
    /// </summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_700);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
