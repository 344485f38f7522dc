namespace CloudpackPlus.Portal;

/// <summary>Portal settings (section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    /// <summary>
    /// Send cookies only over HTTPS (default). A plain-HTTP loopback demo or test sets it to false;
    /// production behind TLS keeps it on.
    /// </summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>Failed sign-ins (password or code) before the account locks.</summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Minimum password length (the policy also wants upper case, lower case and a digit).</summary>
    public int PasswordMinLength { get; set; } = 12;

    /// <summary>How long a mailed temporary password works before staff must re-issue it (ONB-2).</summary>
    public TimeSpan TemporaryPasswordLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Idle time after which a session ends.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);
}
