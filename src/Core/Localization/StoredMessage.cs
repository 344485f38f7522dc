namespace CloudpackPlus.Core.Localization;

/// <summary>
/// A message a user reads later (a ledger reason, a rollover note, a default cancellation reason), stored as a code
/// with parameters so that it is rendered in the reader's language: <c>msg:ticket.lapse|FY2026</c>. The portal owns
/// the texts (resx key <c>Msg.&lt;code&gt;</c>). A parameter may itself be a stored message; free text typed by a
/// person stays a parameter as typed. Text that is not of this shape is shown as it is.
/// </summary>
public static class StoredMessage
{
    public const string Prefix = "msg:";

    // Codes (one per kind of message); parameters in order.
    public const string EnrolmentGrant = "ticket.enrolment-grant"; // fiscal year, rank name ja, rank name en
    public const string AnnualGrant = "ticket.annual-grant"; // fiscal year, rank name ja, rank name en
    public const string YearLapse = "ticket.year-lapse"; // fiscal year
    public const string LateRefundLapse = "ticket.late-refund-lapse";
    public const string Refund = "ticket.refund"; // TicketReleaseCause, reason (free text or a stored message)
    public const string RolloverBasis = "rollover.basis"; // calendar year, amount (yen)
    public const string RolloverKept = "rollover.kept"; // RankSource
    public const string RolloverSuspended = "rollover.suspended";
    public const string CancelledByStaff = "application.cancelled-by-staff";
    public const string CancelledByCustomer = "application.cancelled-by-customer";
    public const string WorkflowCancelled = "application.workflow-cancelled";

    /// <summary>The stored form of a code and its parameters (a '|' or '%' in a parameter is escaped).</summary>
    public static string Of(string code, params object?[] parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(parameters);
        var parts = parameters.Select(p => Escape(Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        return string.Join('|', new[] { Prefix + code }.Concat(parts));
    }

    /// <summary>Reads a stored message; false for anything else (free text shown as typed).</summary>
    public static bool TryParse(string? stored, out string code, out string[] parameters)
    {
        code = "";
        parameters = [];
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = stored[Prefix.Length..].Split('|');
        if (parts[0].Length == 0 || parts[0].Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-')))
        {
            return false;
        }

        code = parts[0];
        parameters = parts[1..].Select(Unescape).ToArray();
        return true;
    }

    private static string Escape(string value) => value.Replace("%", "%25", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal);

    private static string Unescape(string value) => value.Replace("%7C", "|", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);
}
