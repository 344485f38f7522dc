using System.Globalization;
using System.Text.Json;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Terms;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudpackPlus.Activities.Applications;

/// <summary>The outcome of an application: its id, and whether this call created it (false for a form posted twice).</summary>
public sealed record ApplyResult(Guid ApplicationId, bool Created);

/// <summary>
/// ADV-2, APP-1, TKT-3, TKT-5: applying for a service and cancelling an application. Applying
/// writes the application row, the ticket reservation and the workflow's start in one
/// transaction; cancelling cancels the workflow and returns the tickets in one transaction.
/// </summary>
public sealed class ApplicationDesk(
    CoreDbContext db, CatalogueService catalogue, ApplyForms forms, IWorkflowRuntime runtime, TimeProvider clock)
{
    /// <summary>
    /// APP-1, ELIG-3, TKT-3: applies for any online service with its apply form's data. The data is checked
    /// against the service's form schema (coded refusals: <see cref="FormRejectedException"/>); then the
    /// application row (with the accepted terms, WEB-2), the ticket reservation, the "applied" event and the
    /// workflow's start (the form data as input) commit in one transaction. <paramref name="submissionId"/> is
    /// the form's key: posting the same form twice (or two requests at once) gives one application.
    /// </summary>
    public Task<ApplyResult> ApplyAsync(string serviceId, Guid submissionId, IReadOnlyDictionary<string, JsonElement> formData, Guid personId,
        CancellationToken cancellationToken = default) =>
        ApplyAsync(serviceId, submissionId, formData, personId, null, cancellationToken);

    /// <summary>APP-1: applies with the form's data and the files of its <c>file</c> fields.</summary>
    /// <remarks>
    /// <paramref name="uploads"/> are the files of the form's <c>file</c> fields (<see cref="ApplyUploads"/>): refused ones are
    /// coded form errors; accepted ones are stored in the same transaction and the workflow gets their descriptions.
    /// </remarks>
    public async Task<ApplyResult> ApplyAsync(string serviceId, Guid submissionId, IReadOnlyDictionary<string, JsonElement> formData, Guid personId,
        IReadOnlyList<ApplyUpload>? uploads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(formData);
        if (await db.Applications.IgnoreQueryFilters().AsNoTracking().AnyAsync(a => a.Id == submissionId, cancellationToken))
        {
            return new ApplyResult(submissionId, false);
        }

        var person = await db.People.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        var companyId = person?.CompanyId ?? Guid.Empty;
        await RequireRepresentativeAsync(companyId, personId, cancellationToken);
        var entry = await catalogue.GetAsync(serviceId, cancellationToken);
        var form = await forms.LoadAsync(entry, companyId, cancellationToken) ?? throw NotOnline();
        var data = new Dictionary<string, JsonElement>(formData, StringComparer.Ordinal);
        var (files, errors) = ApplyUploads.Prepare(form.Schema, data, uploads, companyId);
        errors.AddRange(form.Schema.Check(data, form.Context).Where(e => errors.All(u => u.Field != e.Field)));
        if (errors.Count > 0)
        {
            throw new FormRejectedException(errors);
        }

        var accepted = form.Schema.Fields.Where(f => f.Type == "terms").Select(f => form.Terms[f.Terms!]).FirstOrDefault();
        var details = JsonSerializer.Serialize(data);
        return await StartApplicationAsync(companyId, personId, submissionId, serviceId, details, ApplyForms.Input(form, data), accepted, files, form.Version, cancellationToken);
    }

    /// <summary>Applies for a catalogue service whose workflow takes <paramref name="input"/> (plus the application's ids).</summary>
    private async Task<ApplyResult> StartApplicationAsync(Guid companyId, Guid personId, Guid submissionId, string serviceId, string detailsJson,
        IReadOnlyDictionary<string, object?> input, TermsDocument? accepted, IReadOnlyList<ApplicationFile> files, int? formVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await RequireRepresentativeAsync(companyId, personId, cancellationToken);
        var availability = await catalogue.CheckAsync(companyId, serviceId, cancellationToken);
        if (availability.Reason is { } reason)
        {
            throw Unavailable(companyId, availability, reason);
        }

        var entry = availability.Entry;
        var definitionId = entry.WorkflowDefinitionId ?? throw NotOnline();
        try
        {
            var started = await runtime.StartWorkflowAsync(definitionId, submissionId.ToString(), personId.ToString(), async scope =>
            {
                var core = scope.GetDbContext<CoreDbContext>();
                var reservation = await new TicketLedger(core, clock).ReserveAsync(
                    new TicketSpendRequest(companyId, submissionId, entry.TicketCost, entry.Id, personId), cancellationToken);
                var application = new ServiceApplication
                {
                    Id = submissionId, CompanyId = companyId, ServiceId = entry.Id,
                    Number = await ApplicationBook.NextNumberAsync(core, FiscalYear.Current(clock).StartYear, cancellationToken),
                    Status = ApplicationStatus.Submitted, AppliedBy = personId, AppliedAt = scope.Now, UpdatedAt = scope.Now,
                    ReservationId = reservation.Id, WorkflowInstanceId = scope.InstanceId, Details = detailsJson,
                    TermsId = accepted?.Id, TermsVersion = accepted?.Version, ApplyFormVersion = formVersion,
                    // ADV-1: the application keeps the cost and rules it was made under.
                    TicketCost = entry.TicketCost, CustomerCancellable = entry.CustomerCancellable,
                };
                core.Applications.Add(application);
                core.ApplicationFiles.AddRange(files.Select(f => new ApplicationFile
                {
                    Id = f.Id, ApplicationId = submissionId, CompanyId = companyId, Field = f.Field, FileName = f.FileName,
                    ContentType = f.ContentType, Size = f.Size, Sha256 = f.Sha256, Content = f.Content,
                }));
                ApplicationEvent.Record(core, application, scope.Now, ApplicationEventCodes.Applied, new Dictionary<string, string?>
                {
                    ["service"] = entry.Id, ["tickets"] = entry.TicketCost.ToString(CultureInfo.InvariantCulture),
                    ["terms"] = accepted?.Id, ["termsVersion"] = accepted?.Version.ToString(CultureInfo.InvariantCulture),
                }, personId.ToString());
                return new Dictionary<string, object?>(input)
                {
                    ["applicationId"] = submissionId.ToString(),
                    ["companyId"] = companyId.ToString(),
                    ["serviceId"] = entry.Id,
                    ["applicantId"] = personId.ToString(),
                    // The application date in Japan: task forms count business days from it (WEB-5's earliest date).
                    ["appliedOn"] = Tokyo.DateOf(scope.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                };
            }, cancellationToken);
            return new ApplyResult(submissionId, started.Created);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same form posted twice at the same moment: the other request's application stands.
            db.ChangeTracker.Clear();
            if (await db.Applications.IgnoreQueryFilters().AsNoTracking().AnyAsync(a => a.Id == submissionId, cancellationToken))
            {
                return new ApplyResult(submissionId, false);
            }

            throw;
        }
    }

    /// <summary>
    /// TKT-5: cancels an open application before its session and returns its tickets. A customer
    /// (representative) may cancel only services that allow it (WEB-3) and only before the session
    /// has begun; staff may cancel (reject) any open application.
    /// </summary>
    public async Task CancelAsync(Guid applicationId, Guid personId, string? reason, CancellationToken cancellationToken = default)
    {
        var person = await db.People.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException("利用者", personId);
        var byStaff = Person.IsStaffRole(person.Role);
        var application = await db.Applications.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || (!byStaff && application.CompanyId != person.CompanyId))
        {
            throw new NotFoundException("申請", applicationId);
        }

        var text = (reason ?? "").Trim();
        if (text.Length > 1000 || (byStaff && text.Length == 0))
        {
            throw new ProgrammeRuleException("cancel_reason", "キャンセル理由を1000文字以内で入力してください(スタッフは必須)。",
                "Give a reason of up to 1,000 characters (required for staff).");
        }

        if (!byStaff)
        {
            if (person.Role != PersonRole.Representative)
            {
                throw new ProgrammeRuleException("not_representative", "申請のキャンセルは代表者のみ行えます。", "Only the representative can cancel an application.");
            }

            // ADV-1: the rule the application was made under, not today's catalogue.
            if (!application.CustomerCancellable)
            {
                throw new NotCancellableException(application.ServiceId);
            }
        }

        var cancelled = await runtime.CancelInstanceAsync(application.WorkflowInstanceId, personId.ToString(), text.Length == 0 ? null : text, async scope =>
        {
            var core = scope.GetDbContext<CoreDbContext>();
            var row = await core.Applications.IgnoreQueryFilters().SingleAsync(a => a.Id == applicationId, cancellationToken);
            EnsureCancellable(row, byStaff, scope.Now);
            await ApplicationClosing.CancelAsync(core, clock, row, byStaff, personId, text.Length == 0 ? null : text, scope.Now, cancellationToken);
        }, cancellationToken);
        if (!cancelled)
        {
            throw Closed(application);
        }
    }

    private async Task RequireRepresentativeAsync(Guid companyId, Guid personId, CancellationToken cancellationToken)
    {
        var person = await db.People.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null || person.CompanyId != companyId || person.Role != PersonRole.Representative)
        {
            throw new ProgrammeRuleException("not_representative", "サービスのお申し込みは代表者のみ行えます。", "Only the company's representative can apply for a service.");
        }
    }

    private static void EnsureCancellable(ServiceApplication application, bool byStaff, DateTimeOffset now)
    {
        if (!application.IsOpen)
        {
            throw Closed(application);
        }

        if (!byStaff && application.HasStarted(now))
        {
            throw new ProgrammeRuleException("already_started", "実施日時を過ぎた申請はキャンセルできません。担当CSMへご連絡ください。",
                "The session's date has passed, so the application can no longer be cancelled; please contact your CSM.");
        }
    }

    private static ProgrammeRuleException NotOnline() =>
        new("not_online", "このサービスはポータルからのお申し込みに未対応です。担当CSMへご相談ください。",
            "This service cannot be applied for in the portal yet; please ask your CSM.");

    private static ProgrammeRuleException Closed(ServiceApplication application) =>
        new("application_closed", $"申請 {application.Number} はすでに終了しています。", $"Application {application.Number} is already closed.");

    private static ProgrammeRuleException Unavailable(Guid companyId, ServiceAvailability availability, UnavailableReason reason) => reason switch
    {
        UnavailableReason.InsufficientTickets => new InsufficientTicketsException(companyId, availability.Balance, availability.Entry.TicketCost),
        UnavailableReason.CapacityReached => new ServiceCapacityReachedException(availability.Entry.Id, availability.Entry.YearlyCapacity ?? 0),
        _ => new ProgrammeRuleException("service_unavailable", ApplyRefusals.Japanese(availability, reason), ApplyRefusals.English(availability, reason)),
    };
}

/// <summary>Why a company cannot apply, in words (the catalogue page and refusals say the same).</summary>
public static class ApplyRefusals
{
    /// <summary>The reason in Japanese.</summary>
    public static string Japanese(ServiceAvailability availability, UnavailableReason reason)
    {
        ArgumentNullException.ThrowIfNull(availability);
        return reason switch
        {
            UnavailableReason.CompanyNotActive => "会社のご利用資格が現在ありません(停止中または対象契約なし)。",
            UnavailableReason.Withdrawn => "このサービスは現在提供を終了しています。",
            UnavailableReason.RankNotAllowed => $"このサービスは {string.Join("・", availability.Entry.AllowedRanks)} ランクのお客様が対象です。",
            UnavailableReason.ContractTypeNotAllowed => "このサービスは対象となる契約をお持ちのお客様のみご利用いただけます。",
            UnavailableReason.CapacityReached => $"受付終了(今年度): パートナーの年間受付枠({availability.Entry.YearlyCapacity}件)の上限に達したため、今年度の受付を終了しました。",
            UnavailableReason.InsufficientTickets => $"チケットが {availability.Entry.TicketCost - availability.Balance} 枚不足しています(残り {availability.Balance} 枚、必要 {availability.Entry.TicketCost} 枚)。",
            _ => reason.ToString(),
        };
    }

    /// <summary>The reason in English.</summary>
    public static string English(ServiceAvailability availability, UnavailableReason reason)
    {
        ArgumentNullException.ThrowIfNull(availability);
        return reason switch
        {
            UnavailableReason.CompanyNotActive => "Your company is not currently eligible (suspended or no qualifying contract).",
            UnavailableReason.Withdrawn => "This service has been withdrawn.",
            UnavailableReason.RankNotAllowed => $"This service is for {string.Join(", ", availability.Entry.AllowedRanks)} rank companies.",
            UnavailableReason.ContractTypeNotAllowed => "This service needs a qualifying contract type.",
            UnavailableReason.CapacityReached => $"Closed (this fiscal year): the yearly capacity ({availability.Entry.YearlyCapacity}) is used up; applications are closed for the rest of the fiscal year.",
            UnavailableReason.InsufficientTickets => string.Create(CultureInfo.InvariantCulture,
                $"You are {availability.Entry.TicketCost - availability.Balance} tickets short (balance {availability.Balance}, cost {availability.Entry.TicketCost})."),
            _ => reason.ToString(),
        };
    }
}
