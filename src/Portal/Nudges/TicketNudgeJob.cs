using System.Globalization;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Mail;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudpackPlus.Portal.Nudges;

/// <summary>
/// Daily job: "use your tickets before 31 March" (TKT-2: unused tickets lapse at the end of the fiscal year and never
/// carry over). At 60, 30 and 7 days before the lapse, each active company with tickets left gets one mail per
/// threshold, to its representatives (they apply, APP-1), in each one's language. The nudge row and the mails commit
/// in one transaction; the row's key makes a rerun, a catch-up or a second host send nothing twice. A run that
/// missed a threshold (host down) sends only the most urgent one due, not a stale one.
/// </summary>
public sealed class TicketNudgeJob(PortalIdentityDbContext identity, MailOutbox outbox, IOptions<MailOptions> mail, IOptions<TicketNudgeOptions> options, TimeProvider clock)
{
    public const string JobId = "ticket-lapse-nudge";
    public const string Cron = "0 9 * * *"; // 09:00 Tokyo: the mail arrives with the working day
    public const string Template = "ticket-lapse-nudge";

    private const string Claim = """
        INSERT INTO identity.ticket_lapse_nudges (company_id, fiscal_year, days_before, balance, sent_at)
        SELECT c.id, $1, $2, b.balance, $3 FROM core.companies c
        JOIN (SELECT company_id, SUM(amount)::int AS balance FROM core.ticket_ledger WHERE fiscal_year = $1 GROUP BY company_id) b ON b.company_id = c.id
        WHERE c.status = 'Active' AND b.balance > 0
        ON CONFLICT DO NOTHING
        RETURNING company_id, balance
        """;

    /// <summary>Recurring job entry point (Hangfire retries a failed run; a retry sends only what is not recorded yet).</summary>
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    /// <summary>Sends the nudges due today; returns how many companies were nudged (0 outside the windows or when already done).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var today = Tokyo.Today(clock);
        var year = FiscalYear.Of(today);
        var daysLeft = year.LastDay.DayNumber - today.DayNumber + 1;
        if (options.Value.ThresholdFor(daysLeft) is not { } threshold)
        {
            return 0;
        }

        await identity.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await identity.Database.BeginTransactionAsync(cancellationToken);
            var connection = (NpgsqlConnection)identity.Database.GetDbConnection();
            var claimed = new Dictionary<Guid, int>();
            await using (var command = new NpgsqlCommand(Claim, connection, (NpgsqlTransaction)transaction.GetDbTransaction()))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = year.StartYear });
                command.Parameters.Add(new NpgsqlParameter { Value = threshold });
                command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    claimed[reader.GetGuid(0)] = reader.GetInt32(1);
                }
            }

            if (claimed.Count > 0)
            {
                var ids = claimed.Keys.ToList();
                var companies = await CompanyNamesAsync(connection, transaction, ids, cancellationToken);
                var recipients = await identity.Users.IgnoreQueryFilters().AsNoTracking()
                    .Where(u => u.CompanyId != null && ids.Contains(u.CompanyId.Value) && u.Role == PersonRole.Representative && u.Email != null)
                    .Select(u => new { CompanyId = u.CompanyId!.Value, u.Email, u.DisplayName, u.Culture })
                    .ToListAsync(cancellationToken);
                foreach (var r in recipients)
                {
                    var culture = PortalCultures.Normalize(r.Culture);
                    outbox.Add(r.Email!, r.DisplayName, Template, culture, new
                    {
                        Name = r.DisplayName,
                        Company = companies.GetValueOrDefault(r.CompanyId, ""),
                        Balance = claimed[r.CompanyId],
                        ExpiresOn = DateIn(year.LastDay, culture),
                        DaysLeft = daysLeft,
                        PortalUrl = mail.Value.PortalUrl.TrimEnd('/'),
                    });
                }

                await identity.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            outbox.DispatchStaged();
            return claimed.Count;
        }
        finally
        {
            await identity.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The date as the recipient reads it: 2027年3月31日 or 31 March 2027.</summary>
    internal static string DateIn(DateOnly date, string culture) => culture == PortalCultures.English
        ? date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(PortalCultures.English))
        : date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    private static async Task<Dictionary<Guid, string>> CompanyNamesAsync(NpgsqlConnection connection, IDbContextTransaction transaction, List<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, name FROM core.companies WHERE id = ANY($1)", connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names[reader.GetGuid(0)] = reader.GetString(1);
        }

        return names;
    }
}
