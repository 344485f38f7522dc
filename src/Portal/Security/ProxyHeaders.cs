using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Security;

/// <summary>
/// Behind a TLS-terminating proxy (section <c>Portal:Proxy</c>): X-Forwarded-For and X-Forwarded-Proto are believed
/// only from the listed proxies, so the request counts as HTTPS (HSTS, Secure cookies) and the rate limits see the
/// client's address rather than the proxy's. With no proxy listed the headers are ignored.
/// </summary>
public sealed class ProxySettings
{
    /// <summary>Addresses of the trusted reverse proxies (e.g. 10.0.0.5).</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of trusted proxies in CIDR form (e.g. 10.0.0.0/24).</summary>
    public IList<string> KnownNetworks { get; } = [];
}

public static class ProxyHeaders
{
    public static IServiceCollection AddCloudpackForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ProxySettings>().BindConfiguration("Portal:Proxy")
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)) && o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "Portal:Proxy: KnownProxies must be IP addresses and KnownNetworks CIDR networks.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxySettings>>((o, proxy) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            // Only the configured proxies: the defaults (loopback) would let anyone on the host claim HTTPS.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxy.Value.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    public static IApplicationBuilder UseCloudpackForwardedHeaders(this IApplicationBuilder app)
    {
        var proxy = app.ApplicationServices.GetRequiredService<IOptions<ProxySettings>>().Value;
        return proxy.KnownProxies.Count + proxy.KnownNetworks.Count > 0 ? app.UseForwardedHeaders() : app;
    }
}
