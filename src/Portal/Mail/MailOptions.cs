namespace CloudpackPlus.Portal.Mail;

/// <summary>How the portal delivers mail (section <c>Mail</c>).</summary>
public sealed class MailOptions
{
    /// <summary><c>Smtp</c> (default) sends through <see cref="SmtpHost"/>; <c>Capture</c> writes .eml files to <see cref="CaptureDirectory"/> (demo).</summary>
    public MailMode Mode { get; set; } = MailMode.Smtp;

    public string SmtpHost { get; set; } = "127.0.0.1";

    public int SmtpPort { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public string SmtpSecurity { get; set; } = "None";

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public string FromAddress { get; set; } = "noreply@cloudpack.example.jp";

    public string FromName { get; set; } = "cloudpack+";

    /// <summary>Where captured mail goes in <c>Capture</c> mode.</summary>
    public string CaptureDirectory { get; set; } = Path.Combine(".local", "mail");

    /// <summary>The templates folder; default: <c>templates/mail</c> beside the application.</summary>
    public string TemplateDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "templates", "mail");

    /// <summary>The portal's public address, used for links in mail.</summary>
    public string PortalUrl { get; set; } = "http://127.0.0.1:5080";
}

public enum MailMode
{
    Smtp,
    Capture,
}
