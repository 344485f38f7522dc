using System.Globalization;
using System.Text;

namespace CloudpackPlus.Activities.Consulting;

/// <summary>One person of a meeting invite.</summary>
/// <param name="Name">Display name (the CN parameter).</param>
/// <param name="Email">E-mail address (the mailto: URI).</param>
public sealed record MeetingPerson(string Name, string Email);

/// <summary>A meeting as its calendar invite describes it.</summary>
/// <param name="Uid">Stable per meeting (a new invite for the same meeting replaces the old one in the calendar).</param>
/// <param name="Sequence">Revision of the meeting: 0 for the first invite, higher when it was rescheduled.</param>
/// <param name="StartsAt">Start (written in UTC).</param>
/// <param name="EndsAt">End (written in UTC).</param>
/// <param name="Summary">The event's title.</param>
/// <param name="Description">The event's description.</param>
/// <param name="MeetingUrl">The online meeting's URL (URL and LOCATION).</param>
/// <param name="Organizer">The CSM who booked it.</param>
/// <param name="Attendees">The customer's people.</param>
/// <param name="Stamp">When the invite was written (DTSTAMP).</param>
public sealed record MeetingInvite(
    string Uid, int Sequence, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Summary, string Description, string MeetingUrl,
    MeetingPerson Organizer, IReadOnlyList<MeetingPerson> Attendees, DateTimeOffset Stamp);

/// <summary>
/// Writes an RFC 5545 calendar (<c>METHOD:REQUEST</c>, one <c>VEVENT</c>) for a meeting invite: times in UTC
/// (<c>…Z</c>), TEXT values escaped (backslash, semicolon, comma, line breaks), CRLF line endings and lines folded at
/// 75 octets without splitting a UTF-8 character. The meeting URL is both the <c>URL</c> and the <c>LOCATION</c>.
/// </summary>
public static class IcsCalendar
{
    /// <summary>The MIME type of the attachment (the method parameter tells mail clients it is an invitation).</summary>
    public const string ContentType = "text/calendar; method=REQUEST; charset=utf-8";

    private const int MaxOctets = 75;

    /// <summary>The .ics text.</summary>
    public static string Write(MeetingInvite invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        if (invite.EndsAt <= invite.StartsAt)
        {
            throw new ArgumentException("A meeting ends after it starts.", nameof(invite));
        }

        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//cloudpack+//CloudpackPlus//JA",
            "CALSCALE:GREGORIAN",
            "METHOD:REQUEST",
            "BEGIN:VEVENT",
            "UID:" + Text(invite.Uid),
            "SEQUENCE:" + invite.Sequence.ToString(CultureInfo.InvariantCulture),
            "DTSTAMP:" + Utc(invite.Stamp),
            "DTSTART:" + Utc(invite.StartsAt),
            "DTEND:" + Utc(invite.EndsAt),
            "SUMMARY:" + Text(invite.Summary),
            "DESCRIPTION:" + Text(invite.Description),
            "LOCATION:" + Text(invite.MeetingUrl),
            "URL:" + invite.MeetingUrl,
            $"ORGANIZER;CN={Param(invite.Organizer.Name)}:mailto:{invite.Organizer.Email}",
        };
        lines.AddRange(invite.Attendees.Select(a => $"ATTENDEE;CN={Param(a.Name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{a.Email}"));
        lines.AddRange(["STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT", "END:VCALENDAR"]);
        var ics = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(ics, line);
        }

        return ics.ToString();
    }

    /// <summary>The .ics as the bytes of an attachment (UTF-8, no byte-order mark).</summary>
    public static byte[] Bytes(MeetingInvite invite) => new UTF8Encoding(false).GetBytes(Write(invite));

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 3.3.11 TEXT escaping.</summary>
    public static string Text(string value) => (value ?? "")
        .Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\n", StringComparison.Ordinal);

    // A parameter value is quoted; it cannot hold a DQUOTE or control characters.
    private static string Param(string value) => "\"" + new string((value ?? "").Where(c => c != '"' && !char.IsControl(c)).ToArray()) + "\"";

    /// <summary>Appends the line with CRLF, folded so that no physical line exceeds 75 octets (continuations start with a space).</summary>
    private static void Fold(StringBuilder ics, string line)
    {
        var octets = 0;
        var limit = MaxOctets;
        var e = StringInfo.GetTextElementEnumerator(line);
        while (e.MoveNext())
        {
            var element = (string)e.Current;
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > limit)
            {
                ics.Append("\r\n ");
                octets = 0;
                limit = MaxOctets - 1; // the leading space counts
            }

            ics.Append(element);
            octets += size;
        }

        ics.Append("\r\n");
    }
}
