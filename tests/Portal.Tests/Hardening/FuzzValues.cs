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
        "80000000",
        "-9223372036854775809",
        "1e309",
        "NaN",
        "0x1F",
        "9999-12-31",
        "2026-02-30",
        "0001-01-01T00:00:00",
        new string('あ', 20_000),
        "\u0000\u0001\u001b[31m\u007f",
        "\ud800",
        "𠮷野家 👍🏽 ｶﾀｶﾅ",
        "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>",
        "' OR '1'='1'; DROP TABLE core.companies; --",
        "../../../../etc/passwd",
        "//evil.example.com/%2e%2e",
        "javascript:alert(1)",
        "\r\nSet-Cookie: x=1",
        otherCompanysId.ToString(),
        Guid.Empty.ToString(),
        "{{ 7 * 7 }}",
    ];

    /// <summary>Query-string names tried on every page besides those its links and GET forms use.</summary>
    public static readonly IReadOnlyList<string> CommonQueryNames = ["p", "page", "q", "id", "fy", "year", "status", "returnUrl", "handler", "culture", "sort", "filter"];
}
