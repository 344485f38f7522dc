using System.Text.RegularExpressions;
using MimeKit;

namespace CloudpackPlus.Portal.Tests.Support;

/// <summary>Reads what a test needs out of a received mail.</summary>
public static partial class MailText
{
    public static string TemporaryPassword(MimeMessage mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var match = PasswordLine().Match(mail.TextBody ?? "");
        Assert.True(match.Success, "the mail holds no temporary password:\n" + mail.TextBody);
        return match.Groups[1].Value.Trim();
    }

    [GeneratedRegex("(?:仮パスワード|Temporary password): (\\S+)")]
    private static partial Regex PasswordLine();
}
