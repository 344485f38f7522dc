using Hangfire.Dashboard;

namespace CloudpackPlus.Host.Jobs;

/// <summary>
/// Until staff sign-in exists, the job dashboard answers only requests from this machine.
/// </summary>
internal sealed class DashboardAccessFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var remote = http.Connection.RemoteIpAddress;
        // The in-process test server has no remote address: it is local by construction.
        return remote is null || System.Net.IPAddress.IsLoopback(remote);
    }
}
