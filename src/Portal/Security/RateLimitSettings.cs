namespace CloudpackPlus.Portal.Security;

/// <summary>
/// Rate limits (section <c>Portal:RateLimits</c>) on what a guesser or a mail bomber would repeat: the sign-in steps and
/// the password change (<see cref="SignIn"/>), and the posts that send mail (<see cref="Mail"/>). Each counts per client
/// address and per account; the first limit reached answers 429 with Retry-After.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>Posts to the sign-in, second-factor, recovery-code and password-change pages.</summary>
    public RateLimitWindow SignIn { get; set; } = new() { PerAddress = 300, PerAccount = 20, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Posts to the pages that mail someone (account issue, re-issue, MFA reset, invitations, quotes).</summary>
    public RateLimitWindow Mail { get; set; } = new() { PerAddress = 300, PerAccount = 30, Window = TimeSpan.FromMinutes(10) };

    /// <summary>The posts that send mail: a page path, optionally with <c>?handler=Name</c> for one handler of the page.</summary>
    public IList<string> MailPaths { get; } =
    [
        "/Users/Create", "/Quotes/New", "/Inquiries/New", "/Staff/Staff?handler=Create",
        "/Staff/Companies/Details?handler=Issue", "/Staff/Companies/Details?handler=Reissue",
        "/Staff/Companies/Details?handler=ResetMfa", "/Staff/Companies/Details?handler=Enrol",
    ];
}

/// <summary>How many posts one client address and one account may make in a window.</summary>
public sealed class RateLimitWindow
{
    public int PerAddress { get; set; }

    public int PerAccount { get; set; }

    public TimeSpan Window { get; set; }
}
