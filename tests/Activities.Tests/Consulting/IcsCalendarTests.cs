using System.Text;
using CloudpackPlus.Activities.Consulting;
using CloudpackPlus.Testing;

namespace CloudpackPlus.Activities.Tests.Consulting;

/// <summary>The meeting invite's .ics read back by an independent reader: RFC 5545 lines, folding, escaping, UTC times.</summary>
public sealed class IcsCalendarTests
{
    private static MeetingInvite Invite(string summary, string description = "") => new(
        "0190abcd-scoping@cloudpackplus", 0,
        new DateTimeOffset(2026, 12, 9, 14, 0, 0, TimeSpan.FromHours(9)), new DateTimeOffset(2026, 12, 9, 16, 0, 0, TimeSpan.FromHours(9)),
        summary, description, "https://meet.example.jp/room?id=1,2;x=3",
        new MeetingPerson("山田 CSM \"Lead\"", "csm@cloudpack.example.jp"),
        [new MeetingPerson("佐藤 花子", "sato@customer.example.jp"), new MeetingPerson("Tanaka", "tanaka@customer.example.jp")],
        new DateTimeOffset(2026, 12, 2, 1, 2, 3, TimeSpan.Zero));

    [Fact]
    [Trait("Spec", "COST-C")]
    [Trait("Spec", "SEC-C")]
    public void TheInvite_ParsesBack_WithUtcTimes_TheMeetingUrl_OrganizerAndAttendees()
    {
        var bytes = IcsCalendar.Bytes(Invite("[CP-42] スコーピング会議; コスト, セキュリティ", "1行目\n2行目 \\ バックスラッシュ"));
        var lines = IcsReader.Parse(bytes);

        Assert.Equal(["VCALENDAR", "VEVENT", "VEVENT", "VCALENDAR"], lines.Where(l => l.Name is "BEGIN" or "END").Select(l => l.Value));
        Assert.Equal("2.0", IcsReader.Value(lines, "VERSION"));
        Assert.Equal("REQUEST", IcsReader.Value(lines, "METHOD"));
        Assert.Equal("0190abcd-scoping@cloudpackplus", IcsReader.Value(lines, "UID"));
        Assert.Equal("20261209T050000Z", IcsReader.Value(lines, "DTSTART"));
        Assert.Equal("20261209T070000Z", IcsReader.Value(lines, "DTEND"));
        Assert.Equal("20261202T010203Z", IcsReader.Value(lines, "DTSTAMP"));
        Assert.Equal("[CP-42] スコーピング会議; コスト, セキュリティ", IcsReader.Value(lines, "SUMMARY"));
        Assert.Equal("1行目\n2行目 \\ バックスラッシュ", IcsReader.Value(lines, "DESCRIPTION"));
        Assert.Equal("https://meet.example.jp/room?id=1,2;x=3", lines.Single(l => l.Name == "URL").Value);
        Assert.Equal("https://meet.example.jp/room?id=1,2;x=3", IcsReader.Value(lines, "LOCATION"));
        var organizer = lines.Single(l => l.Name == "ORGANIZER");
        Assert.Equal(("mailto:csm@cloudpack.example.jp", "山田 CSM Lead"), (organizer.Value, organizer.Parameters["CN"]));
        Assert.Equal(["mailto:sato@customer.example.jp", "mailto:tanaka@customer.example.jp"], lines.Where(l => l.Name == "ATTENDEE").Select(l => l.Value));
        Assert.All(lines.Where(l => l.Name == "ATTENDEE"), a => Assert.Equal(("REQ-PARTICIPANT", "NEEDS-ACTION", "TRUE"), (a.Parameters["ROLE"], a.Parameters["PARTSTAT"], a.Parameters["RSVP"])));
    }

    [Fact]
    [Trait("Spec", "COST-C")]
    public void LongLines_AreFoldedAt75Octets_WithoutSplittingACharacter()
    {
        var summary = string.Concat(Enumerable.Repeat("長い会議名ABC", 20)); // three-byte characters mixed with ASCII
        var text = Encoding.UTF8.GetString(IcsCalendar.Bytes(Invite(summary)));

        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal); // every line ends CRLF
        var physical = text.Split("\r\n")[..^1];
        Assert.All(physical, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, l));
        Assert.Contains(physical, l => l.StartsWith(' ')); // the summary was folded
        Assert.DoesNotContain('\uFFFD', text); // no character was cut in half
        Assert.Equal(summary, IcsReader.Value(IcsReader.Parse(Encoding.UTF8.GetBytes(text)), "SUMMARY"));
    }

    [Fact]
    public void AMeetingThatEndsBeforeItStarts_IsRefused() =>
        Assert.Throws<ArgumentException>(() => IcsCalendar.Write(Invite("x") with { EndsAt = new DateTimeOffset(2026, 12, 9, 13, 0, 0, TimeSpan.FromHours(9)) }));
}
