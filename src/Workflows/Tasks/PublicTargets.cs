using System.Net;
using System.Net.Sockets;

namespace CloudpackPlus.Workflows.Tasks;

/// <summary>
/// The check behind <c>"format": "public-url"</c>: an absolute http(s) URL whose host is on the public internet as far
/// as the text shows. IP literals (in any form <see cref="IPAddress.TryParse(string, out IPAddress)"/> or the URL parser
/// accepts: dotted, decimal, hex, IPv6, IPv4-mapped, 6to4) must be global unicast: no private, loopback,
/// link-local, carrier-grade NAT, documentation, benchmark, multicast or reserved address. Names must have at least two
/// labels, a non-numeric top label, and must not be in a special-use or internal-only domain (<c>localhost</c>,
/// <c>.local</c>, <c>.internal</c>, <c>.home.arpa</c>, …).
/// </summary>
/// <remarks>
/// Names are deliberately not resolved here: validation is synchronous and must give the same answer on every host,
/// and what a name resolves to at application time proves nothing about the scan day weeks later (DNS can change or
/// rebind). Resolution is checked by people: the CSM at triage and the partner engineer before the scan.
/// </remarks>
public static class PublicTargets
{
    private static readonly string[] InternalSuffixes =
    [
        "localhost", "local", "internal", "intranet", "lan", "home", "corp", "private", "localdomain",
        "home.arpa", "test", "invalid", "example", "onion", "alt", "arpa",
    ];

    /// <summary>Whether <paramref name="text"/> is an absolute http(s) URL, without credentials, on a public host.</summary>
    public static bool IsPublicUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        return IsPublicHost(uri.HostNameType is UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.IdnHost);
    }

    /// <summary>Whether a host name or IP literal is public (see the class remarks).</summary>
    public static bool IsPublicHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        var name = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (IPAddress.TryParse(name.Trim('[', ']'), out var address))
        {
            return IsPublicAddress(address);
        }

        var labels = name.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length == 0 || l.Length > 63) || name.Length > 253
            || labels[^1].All(c => char.IsAsciiDigit(c)) || labels[^1].StartsWith("0x", StringComparison.Ordinal))
        {
            return false; // single-label names resolve inside a network; a numeric last label is an IPv4 form to a browser
        }

        return !InternalSuffixes.Any(s => name == s || name.EndsWith("." + s, StringComparison.Ordinal));
    }

    /// <summary>Whether an address is global unicast (not private, loopback, link-local, reserved…).</summary>
    public static bool IsPublicAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicAddress(address.MapToIPv4());
        }

        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !(b[0] is 0 or 10 or 127 || b[0] >= 224                       // this network, private, loopback, multicast, reserved
                || (b[0] == 100 && b[1] is >= 64 and <= 127)                      // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                                   // link-local (cloud metadata)
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)                   // IETF protocol assignments, TEST-NET-1
                || (b[0] == 198 && b[1] is 18 or 19)                              // benchmarking
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || (b[0] & 0xE0) != 0x20)
        {
            return false; // only 2000::/3 is global unicast (refuses ::1, ::, fe80::/10, fc00::/7, ff00::/8, ::/96 forms)
        }

        if (b[0] == 0x20 && b[1] == 0x01 && ((b[2] == 0x0d && b[3] == 0xb8) || (b[2] == 0 && b[3] == 0)))
        {
            return false; // documentation 2001:db8::/32, Teredo 2001::/32
        }

        // 6to4 carries an IPv4 address in bytes 2-5.
        return !(b[0] == 0x20 && b[1] == 0x02) || IsPublicAddress(new IPAddress(b[2..6]));
    }
}
