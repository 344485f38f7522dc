using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Activities.Tests.WebScan;

/// <summary>WEB-L: scan targets are public http(s) URLs; every private, loopback, link-local or internal form is refused.</summary>
public sealed class PublicTargetsTests
{
    [Theory]
    [Trait("Spec", "WEB-L")]
    [InlineData("https://shop.example.co.jp/")]
    [InlineData("http://www.example.com:8080/path?q=1")]
    [InlineData("https://8.8.8.8/")]
    [InlineData("https://[2404:6800:4004:80a::200e]/")]
    [InlineData("https://xn--eckwd4c7c.xn--zckzah.jp/")]
    [InlineData("https://日本語.jp/")]
    public void PublicUrls_AreAccepted(string url) => Assert.True(PublicTargets.IsPublicUrl(url), url);

    [Theory]
    [Trait("Spec", "WEB-L")]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://2130706433/")]            // 127.0.0.1 as a decimal
    [InlineData("http://0x7f.1/")]                // 127.0.0.1 in hex, short form
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://172.16.0.1/")]
    [InlineData("http://172.31.255.255/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://224.0.0.1/")]
    [InlineData("http://198.18.0.1/")]
    [InlineData("http://192.0.2.10/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::]/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("http://[::ffff:10.0.0.1]/")]
    [InlineData("http://[2002:0a00:0001::1]/")]  // 6to4 around 10.0.0.1
    [InlineData("http://[64:ff9b::a00:1]/")]     // NAT64 around 10.0.0.1
    [InlineData("http://[2001:db8::1]/")]
    [InlineData("http://localhost/")]
    [InlineData("http://app.localhost/")]
    [InlineData("http://intranet/")]
    [InlineData("http://printer.local/")]
    [InlineData("http://db.internal/")]
    [InlineData("http://nas.home.arpa/")]
    [InlineData("http://metadata.google.internal/")]
    [InlineData("http://1.2.3.999/")]
    [InlineData("https://user:pass@shop.example.co.jp/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://shop.example.co.jp/")]
    [InlineData("//shop.example.co.jp/")]
    [InlineData("shop.example.co.jp")]
    [InlineData("")]
    public void PrivateInternalOrMalformedTargets_AreRefused(string url) => Assert.False(PublicTargets.IsPublicUrl(url), url);
}
