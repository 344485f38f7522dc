using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.FiscalYears;

namespace CloudpackPlus.Host.Jobs;

/// <summary>
/// The programme's yearly and daily housekeeping as Hangfire jobs. Both are idempotent (delivery
/// is at-least-once): the rollover does nothing once the fiscal year is rolled over.
/// </summary>
public sealed class FiscalYearRolloverJob(FiscalYearRolloverService rollover, EnrolmentService enrolment, ILogger<FiscalYearRolloverJob> logger)
{
    /// <summary>1 April 00:00 Asia/Tokyo (and the catch-up on start): roll over into the current fiscal year.</summary>
    public async Task RolloverAsync(string trigger, CancellationToken cancellationToken)
    {
        var outcome = await rollover.RunAsync(trigger, cancellationToken);
        logger.LogInformation("Rollover check ({Trigger}) for {FiscalYear}: {Outcome}", trigger, outcome.FiscalYear, outcome.AlreadyDone ? "already done" : $"{outcome.CompaniesRolled} companies rolled");
    }

    /// <summary>Every night: catch up a missed rollover and suspend companies whose last qualifying contract ended (ELIG-4).</summary>
    public async Task DailyCheckAsync(CancellationToken cancellationToken)
    {
        await RolloverAsync("daily-check", cancellationToken);
        var suspended = await enrolment.SuspendLapsedCompaniesAsync(cancellationToken);
        if (suspended.Count > 0)
        {
            logger.LogInformation("Suspended {Count} companies whose last qualifying contract ended: {Companies}", suspended.Count, suspended);
        }
    }
}
