namespace CloudpackPlus.Portal.Tests.Hardening;

/// <summary>Boundary and hostile values for every parameter and form field the fuzz test reaches.</summary>
public static class FuzzValues
{
    /// <summary>The values; <paramref name="otherCompanysId"/> is a real id of a record the asker must not reach.</summary>
    public static IReadOnlyList<string> For(Guid otherCompanysId) =>
    [
        "",
        " ",
        "-1",
        "2147483648",
        "1e309",
        "2026-02-30",
        new string('あ', 20_000),
        "\u0000",
        "a\u001b[31mb\u007f",
        "\u0007\u0008\u000b\u000c",
        "\ud800",
        "𠮷野家 👍🏽 ｶﾀｶﾅ",
        "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>",
        "' OR '1'='1'; DROP TABLE core.companies; --",
        "//evil.example.com/%2e%2e",
        "\r\nSet-Cookie: x=1",
        otherCompanysId.ToString(),
        Guid.Empty.ToString(),
        "{{ 7 * 7 }}",
    ];

    /// <summary>Query-string names tried on every page besides those its links and GET forms use.</summary>
    public static readonly IReadOnlyList<string> CommonQueryNames = ["p", "q", "returnUrl"];
}
