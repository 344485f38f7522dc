using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using static CloudpackPlus.Activities.Tests.Applications.TrainingApplicationFixture;

namespace CloudpackPlus.Activities.Tests.Applications;

/// <summary>The training workflow (aws-training.json) through the services the portal pages call.</summary>
public sealed class TrainingWorkflowTests(TrainingApplicationFixture fx) : IClassFixture<TrainingApplicationFixture>
{
    [Fact]
    [Trait("Spec", "TRAIN-1")]
    public async Task CustomerAsksForAnotherDate_TaskGoesBackToTheCsm()
    {
        var company = await fx.NewCompanyAsync();
        var applied = await fx.ApplyAsync(company);
        await fx.CompleteAsync((await fx.OpenTaskAsync(applied.ApplicationId, "agree"))!.Id, Csm(company), Agreement());

        var confirm = (await fx.OpenTaskAsync(applied.ApplicationId, "confirm"))!;
        var silent = await fx.CompleteAsync(confirm.Id, Representative(company), new { decision = "another-date" });
        Assert.Equal(TaskCommandOutcome.Invalid, silent.Outcome); // asking for another date needs a word on when
        Assert.Contains(silent.FormErrors, e => e is { Field: "comment", Code: FormErrorCodes.Required });

        var answer = await fx.CompleteAsync(confirm.Id, Representative(company),
            new { decision = "another-date", comment = "翌週の午後を希望します" });

        Assert.Equal(TaskCommandOutcome.Succeeded, answer.Outcome);
        Assert.Equal(ApplicationStatus.Submitted, (await fx.ApplicationAsync(applied.ApplicationId)).Status);
        Assert.NotNull(await fx.OpenTaskAsync(applied.ApplicationId, "agree"));
        var asked = await fx.CoreAsync(db => db.Notifications.AsNoTracking()
            .SingleAsync(n => n.ApplicationId == applied.ApplicationId && n.Kind == "another-date-requested"));
        Assert.Equal((company.CsmId, "翌週の午後を希望します"), (asked.RecipientId, asked.BodyJa));
    }

    /// <summary>
    /// A notification's body written by the workflow's template shows the form's dates in its language's format
    /// (the wished period reached the CSM as 2026-05-18〜2026-05-29, a kickoff's time as 2026-12-07T14:00:00.0000000+09:00).
    /// </summary>
    [Fact]
    [Trait("Spec", "TRAIN-1")]
    public async Task NewApplication_TellsTheCsmTheWishedPeriod_InEachLanguagesDateFormat()
    {
        var company = await fx.NewCompanyAsync();
        var applied = await fx.ApplyAsync(company);

        var told = await fx.CoreAsync(db => db.Notifications.AsNoTracking()
            .FirstAsync(n => n.ApplicationId == applied.ApplicationId && n.Kind == "application-received"));
        Assert.Contains("希望時期: 2026年5月18日（月）〜2026年5月29日（金）", told.BodyJa, StringComparison.Ordinal);
        Assert.Contains("Wished period: 2026-05-18 (Mon) to 2026-05-29 (Fri)", told.BodyEn, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Spec", "HOURS-1")]
    [InlineData("2026-05-20T09:30:00+09:00")] // before 10:00
    [InlineData("2026-05-20T17:30:00+09:00")] // two hours end after 19:00
    [InlineData("2026-05-23T14:00:00+09:00")] // Saturday
    [InlineData("2026-05-08T14:00:00+09:00")] // in the past
    public async Task AgreedDate_OutsideBusinessHoursOrInThePast_IsRefused(string startsAt)
    {
        var company = await fx.NewCompanyAsync();
        var applied = await fx.ApplyAsync(company);
        var agree = await fx.OpenTaskAsync(applied.ApplicationId, "agree");

        var result = await fx.CompleteAsync(agree!.Id, Csm(company), Agreement(startsAt));

        Assert.Equal(TaskCommandOutcome.Invalid, result.Outcome);
        Assert.Contains(result.FormErrors, e => e.Field == "startsAt" && e.Code is FormErrorCodes.BusinessHours or FormErrorCodes.Future);
        Assert.Equal(ApplicationStatus.Submitted, (await fx.ApplicationAsync(applied.ApplicationId)).Status);
    }

    [Fact]
    public async Task MeetingUrl_ThatIsNotHttp_IsRefused()
    {
        var company = await fx.NewCompanyAsync();
        var applied = await fx.ApplyAsync(company);
        var agree = await fx.OpenTaskAsync(applied.ApplicationId, "agree");

        var result = await fx.CompleteAsync(agree!.Id, Csm(company), new
        {
            topic = "AWS入門", startsAt = "2026-05-20T14:00:00+09:00", durationMinutes = 120, meetingUrl = "javascript:alert(1)",
        });

        Assert.Equal(TaskCommandOutcome.Invalid, result.Outcome);
        Assert.Contains(result.FormErrors, e => e is { Field: "meetingUrl", Code: FormErrorCodes.Url });
    }

    [Fact]
    [Trait("Spec", "TKT-5")]
    public async Task Cancellation_BeforeTheTraining_ReturnsTheTicketsAndEndsTheWorkflow()
    {
        var company = await fx.NewCompanyAsync();
        var before = await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId);
        var applied = await fx.ApplyAsync(company);
        await fx.CompleteAsync((await fx.OpenTaskAsync(applied.ApplicationId, "agree"))!.Id, Csm(company), Agreement());

        await fx.CancelAsync(applied.ApplicationId, company.RepresentativeId, "社内研修と重なったため");

        var application = await fx.ApplicationAsync(applied.ApplicationId);
        Assert.Equal((ApplicationStatus.Cancelled, company.RepresentativeId, "社内研修と重なったため"), (application.Status, application.ClosedBy, application.CloseReason));
        Assert.Equal(before, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
        Assert.Null(await fx.OpenTaskAsync(applied.ApplicationId, "confirm"));
        var told = await fx.CoreAsync(db => db.Notifications.AsNoTracking().Where(n => n.ApplicationId == applied.ApplicationId && n.Kind == "application-cancelled")
            .Select(n => n.RecipientId).ToListAsync());
        Assert.Equal([company.CsmId], told);
        var again = await Assert.ThrowsAsync<ProgrammeRuleException>(() => fx.CancelAsync(applied.ApplicationId, company.RepresentativeId));
        Assert.Equal("application_closed", again.Code);
    }

    [Fact]
    [Trait("Spec", "APP-1")]
    public async Task Member_CannotApply()
    {
        var company = await fx.NewCompanyAsync();

        var refused = await Assert.ThrowsAsync<ProgrammeRuleException>(() => fx.ApplyAsync(company, person: company.MemberId));

        Assert.Equal("not_representative", refused.Code);
        Assert.Equal(0, await fx.CoreAsync(db => db.Applications.CountAsync(a => a.CompanyId == company.CompanyId)));
    }

    [Fact]
    [Trait("Spec", "TKT-3")]
    public async Task Apply_WithTooFewTickets_IsRefused_AndLeavesNoTrace()
    {
        var company = await ProgrammeSetup.EnrolledCompanyAsync(fx.Services, fx.Clock, "poor", Core.Ranks.Rank.Regular);

        var refused = await Assert.ThrowsAsync<InsufficientTicketsException>(() => fx.ApplyAsync(company));

        Assert.Equal((0, 2), (refused.Balance, refused.Cost));
        Assert.Equal(0, await fx.CoreAsync(db => db.Applications.CountAsync(a => a.CompanyId == company.CompanyId)));
        Assert.Equal(0, await fx.CoreAsync(db => db.TicketReservations.CountAsync(r => r.CompanyId == company.CompanyId)));
    }

    [Fact]
    [Trait("Spec", "APP-1")]
    public async Task FormPostedTwice_EvenAtOnce_MakesOneApplication_AndOneReservation()
    {
        var company = await fx.NewCompanyAsync();
        var submission = Guid.CreateVersion7();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fx.ApplyAsync(company, submission)));
        var again = await fx.ApplyAsync(company, submission);

        Assert.Single(results, r => r.Created);
        Assert.False(again.Created);
        Assert.All(results, r => Assert.Equal(submission, r.ApplicationId));
        Assert.Equal(1, await fx.CoreAsync(db => db.Applications.CountAsync(a => a.CompanyId == company.CompanyId)));
        Assert.Equal(1, await fx.CoreAsync(db => db.TicketReservations.CountAsync(r => r.CompanyId == company.CompanyId)));
    }

    [Fact]
    [Trait("Spec", "TRAIN-1")]
    public async Task Apply_WithATopicNotOnTheMenu_OrNoWishedPeriod_IsRefusedWithEveryProblem()
    {
        var company = await fx.NewCompanyAsync();

        var refused = await Assert.ThrowsAsync<FormRejectedException>(() => fx.ApplyAsync(company, request: new TrainingRequest(Guid.NewGuid(), "", [], 0)));

        Assert.Equal("form_invalid", refused.Code);
        Assert.Equal(
            [("topic", FormErrorCodes.Choice), ("goals", FormErrorCodes.Required), ("wishedFrom", FormErrorCodes.Required),
             ("wishedTo", FormErrorCodes.Required), ("participants", FormErrorCodes.Min)],
            refused.Errors.Select(e => (e.Field, e.Code)).ToList());
        Assert.Equal(0, await fx.CoreAsync(db => db.Applications.CountAsync(a => a.CompanyId == company.CompanyId)));
    }
}

/// <summary>Moves its fixture's clock to the training day, so it has a host of its own.</summary>
public sealed class TrainingCompletionTests(TrainingApplicationFixture fx) : IClassFixture<TrainingApplicationFixture>
{
    [Fact]
    [Trait("Spec", "TRAIN-1")]
    [Trait("Spec", "ADV-2")]
    [Trait("Spec", "TKT-3")]
    public async Task Training_RunsFromApplicationToCompletion_SpendingTheReservedTickets()
    {
        var company = await fx.NewCompanyAsync();
        var before = await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId);

        var applied = await fx.ApplyAsync(company);

        Assert.True(applied.Created);
        var application = await fx.ApplicationAsync(applied.ApplicationId);
        Assert.Equal((ApplicationStatus.Submitted, "TRAIN-1"), (application.Status, application.ServiceId));
        Assert.Matches(@"^A-2026-\d{5}$", application.Number);
        Assert.Equal(before - 2, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId)); // reserved
        var agree = await fx.OpenTaskAsync(applied.ApplicationId, "agree");
        Assert.NotNull(agree);
        Assert.Equal(("csm", "Agree the training's content and date"), (agree.Role, agree.TitleIn(false)));
        Assert.Contains("AWS入門", agree.Prefill, StringComparison.Ordinal);

        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(agree.Id, Csm(company), Agreement())).Outcome);
        application = await fx.ApplicationAsync(applied.ApplicationId);
        Assert.Equal((ApplicationStatus.Scheduling, company.CsmId), (application.Status, application.CsmId));
        Assert.Equal(new DateTimeOffset(2026, 5, 20, 5, 0, 0, TimeSpan.Zero), application.ScheduledAt);

        var confirm = await fx.OpenTaskAsync(applied.ApplicationId, "confirm");
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(confirm!.Id, Representative(company), new { decision = "accept" })).Outcome);
        Assert.Equal(ApplicationStatus.Scheduled, (await fx.ApplicationAsync(applied.ApplicationId)).Status);
        Assert.Null(await fx.OpenTaskAsync(applied.ApplicationId, "record")); // waiting for the day

        fx.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 20, 5, 0, 1, TimeSpan.Zero));
        await fx.FireTimerAsync(applied.ApplicationId);
        Assert.Equal(ApplicationStatus.InProgress, (await fx.ApplicationAsync(applied.ApplicationId)).Status);

        var record = await fx.OpenTaskAsync(applied.ApplicationId, "record");
        var done = await fx.CompleteAsync(record!.Id, Csm(company), new { attendance = 7, materials = "https://docs.example.jp/aws-intro.pdf", summary = "質疑応答が活発でした" });
        Assert.Equal(TaskCommandOutcome.Succeeded, done.Outcome);

        application = await fx.ApplicationAsync(applied.ApplicationId);
        Assert.Equal(ApplicationStatus.Completed, application.Status);
        Assert.NotNull(application.ClosedAt);
        var reservation = await fx.CoreAsync(db => db.TicketReservations.AsNoTracking().SingleAsync(r => r.Id == application.ReservationId));
        Assert.Equal(TicketReservationStatus.Confirmed, reservation.Status);
        Assert.Equal(before - 2, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
        var kinds = await fx.CoreAsync(db => db.Notifications.AsNoTracking().Where(n => n.ApplicationId == application.Id)
            .Select(n => new { n.Kind, n.RecipientId }).ToListAsync());
        Assert.Contains(kinds, n => n.Kind == "application-received" && n.RecipientId == company.CsmId);
        Assert.Contains(kinds, n => n.Kind == "schedule-proposed" && n.RecipientId == company.RepresentativeId);
        Assert.Contains(kinds, n => n.Kind == "schedule-confirmed" && n.RecipientId == company.CsmId);
        Assert.Contains(kinds, n => n.Kind == "application-completed" && n.RecipientId == company.RepresentativeId);
    }
}

/// <summary>Moves its fixture's clock past the training date, so it has a host of its own.</summary>
public sealed class LateCancellationTests(TrainingApplicationFixture fx) : IClassFixture<TrainingApplicationFixture>
{
    [Fact]
    [Trait("Spec", "TKT-5")]
    public async Task Cancellation_ByTheCustomer_AfterTheTrainingDate_IsRefused_AndNothingChanges()
    {
        var company = await fx.NewCompanyAsync();
        var before = await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId);
        var applied = await fx.ApplyAsync(company);
        await fx.CompleteAsync((await fx.OpenTaskAsync(applied.ApplicationId, "agree"))!.Id, Csm(company), Agreement());
        await fx.CompleteAsync((await fx.OpenTaskAsync(applied.ApplicationId, "confirm"))!.Id, Representative(company), new { decision = "accept" });
        fx.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 20, 6, 0, 0, TimeSpan.Zero));
        var refused = await Assert.ThrowsAsync<ProgrammeRuleException>(() => fx.CancelAsync(applied.ApplicationId, company.RepresentativeId));
        Assert.Equal("already_started", refused.Code);
        Assert.Equal(ApplicationStatus.Scheduled, (await fx.ApplicationAsync(applied.ApplicationId)).Status);
        Assert.Equal(before - 2, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));

        // Staff can still cancel it (e.g. the session could not take place), and the tickets come back.
        await fx.CancelAsync(applied.ApplicationId, company.CsmId, "講師都合により中止");
        Assert.Equal(before, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
    }
}
