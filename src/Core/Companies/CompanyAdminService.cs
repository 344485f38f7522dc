using System.Text.RegularExpressions;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Companies;

/// <summary>What the programme's application form asks about a company (staff enter it in the console).</summary>
public sealed record CompanyForm(
    string Code, string Name, string? Industry, bool IsPublicBody, bool IsAlliancePartner, bool IsServedThroughThirdParty, string? RepresentativeEmail);

/// <summary>
/// Staff console: creating and editing companies from the application form's fields, who looks after
/// each one (owning CSM and backup; an away owner routes to the backup), and suspension (ELIG-4).
/// </summary>
public sealed partial class CompanyAdminService(CoreDbContext db, TimeProvider clock)
{
    /// <summary>Creates a not-yet-enrolled company. Refuses a code already used (<c>company_code_taken</c>) and invalid fields.</summary>
    public async Task<Company> CreateAsync(CompanyForm form, Guid staffId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await db.RequireStaffAsync(staffId, cancellationToken);
        var code = Validate(form);
        if (await db.Companies.IgnoreQueryFilters().AnyAsync(c => c.Code == code, cancellationToken))
        {
            throw CodeTaken(code);
        }

        var company = new Company { Code = code, Name = form.Name.Trim(), CreatedAt = clock.GetUtcNow() };
        Apply(company, form);
        db.Companies.Add(company);
        await SaveAsync(cancellationToken);
        return company;
    }

    /// <summary>Changes the form's fields (not the code); <paramref name="expectedVersion"/> is the xmin the editor read.</summary>
    public async Task<Company> UpdateAsync(Guid companyId, CompanyForm form, uint expectedVersion, Guid staffId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await db.RequireStaffAsync(staffId, cancellationToken);
        Validate(form);
        var company = await LoadAsync(companyId, expectedVersion, cancellationToken);
        company.Name = form.Name.Trim();
        Apply(company, form);
        await SaveAsync(cancellationToken);
        return company;
    }

    /// <summary>
    /// Sets the owning CSM and the backup (either may be null: the shared queue). Both must be staff and
    /// different people. Returns the previous pair for the audit entry.
    /// </summary>
    public async Task<(Guid? Owner, Guid? Backup)> AssignCsmsAsync(Guid companyId, Guid? owner, Guid? backup, uint expectedVersion, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        if (owner is not null && owner == backup)
        {
            throw new ProgrammeRuleException("csm_same", "担当CSMと副担当には別の人を選んでください。", "The owning CSM and the backup must be different people.");
        }

        foreach (var id in new[] { owner, backup }.OfType<Guid>())
        {
            await db.RequireStaffAsync(id, cancellationToken);
        }

        var company = await LoadAsync(companyId, expectedVersion, cancellationToken);
        var previous = (company.OwningCsmId, company.BackupCsmId);
        company.OwningCsmId = owner;
        company.BackupCsmId = backup;
        await SaveAsync(cancellationToken);
        return previous;
    }

    /// <summary>Marks a staff member away (or back); their companies route to the backups meanwhile.</summary>
    public async Task SetAwayAsync(Guid personId, bool away, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        await db.RequireStaffAsync(personId, cancellationToken);
        var person = await db.People.IgnoreQueryFilters().SingleAsync(p => p.Id == personId, cancellationToken);
        person.IsAway = away;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>ELIG-4: suspends an active company by hand (e.g. the contract ended early): read-only, nothing deleted.</summary>
    public async Task SuspendAsync(Guid companyId, uint expectedVersion, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        // The ticket account's lock, which every reservation holds while it checks the company and spends: a suspension
        // waits for a reservation in flight and the reservations after it see the company suspended (ELIG-4).
        await db.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow();
            await db.LockTicketAccountAsync(companyId, Time.FiscalYear.Of(now).StartYear, now, cancellationToken);
            var company = await LoadAsync(companyId, expectedVersion, cancellationToken);
            if (company.Status != CompanyStatus.Active)
            {
                throw new ProgrammeRuleException("company_not_active", "入会中の会社のみ停止できます。", "Only an enrolled (active) company can be suspended.");
            }

            company.Status = CompanyStatus.Suspended;
            company.SuspendedAt = now;
            await SaveAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>The CSMs a company's new work goes to: the owner, or the backup while the owner is away; empty = the shared queue.</summary>
    public async Task<IReadOnlyList<Guid>> ResponsibleCsmsAsync(Guid companyId, CancellationToken cancellationToken = default) =>
        await db.ResponsibleCsmsAsync(companyId, cancellationToken);

    /// <summary>The companies whose work goes to this staff member now (owner not away, or backup of an away owner).</summary>
    public async Task<IReadOnlyList<Guid>> CompaniesOfAsync(Guid staffId, CancellationToken cancellationToken = default) =>
        await CompaniesOf(staffId).ToListAsync(cancellationToken);

    /// <summary>The query of <see cref="CompaniesOfAsync"/>, for composing into a larger query (one round trip).</summary>
    public IQueryable<Guid> CompaniesOf(Guid staffId) =>
        db.Companies.IgnoreQueryFilters().AsNoTracking()
            .Where(c => (c.OwningCsmId == staffId && !db.People.IgnoreQueryFilters().Any(p => p.Id == staffId && p.IsAway))
                || (c.BackupCsmId == staffId && db.People.IgnoreQueryFilters().Any(p => p.Id == c.OwningCsmId && p.IsAway)))
            .Select(c => c.Id);

    /// <summary>Staff members to choose from (owner, backup).</summary>
    public async Task<IReadOnlyList<Person>> StaffAsync(CancellationToken cancellationToken = default) =>
        await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => p.CompanyId == null).OrderBy(p => p.DisplayName).ToListAsync(cancellationToken);

    private async Task<Company> LoadAsync(Guid companyId, uint expectedVersion, CancellationToken cancellationToken)
    {
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken) ?? throw new NotFoundException("会社", companyId);
        if (company.RowVersion != expectedVersion)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(company).Property(c => c.RowVersion).OriginalValue = expectedVersion;
        return company;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException();
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            throw CodeTaken("");
        }
    }

    private static void Apply(Company company, CompanyForm form)
    {
        company.Industry = string.IsNullOrWhiteSpace(form.Industry) ? null : form.Industry.Trim();
        company.IsPublicBody = form.IsPublicBody;
        company.IsAlliancePartner = form.IsAlliancePartner;
        company.IsServedThroughThirdParty = form.IsServedThroughThirdParty;
        company.RepresentativeEmail = string.IsNullOrWhiteSpace(form.RepresentativeEmail) ? null : form.RepresentativeEmail.Trim();
    }

    private static string Validate(CompanyForm form)
    {
        var code = (form.Code ?? "").Trim().ToUpperInvariant();
        var errors = new List<(string Ja, string En)>();
        if (!CodePattern().IsMatch(code))
        {
            errors.Add(("会社コードは英大文字・数字・ハイフンの2〜32文字です。", "The company code is 2-32 characters: A-Z, 0-9 and hyphens."));
        }

        if (string.IsNullOrWhiteSpace(form.Name) || form.Name.Trim().Length > 200)
        {
            errors.Add(("会社名は必須で、200文字以内です。", "The company name is required, up to 200 characters."));
        }

        if (form.Industry?.Trim().Length > 100)
        {
            errors.Add(("業種は100文字以内です。", "The industry is up to 100 characters."));
        }

        var email = form.RepresentativeEmail?.Trim();
        if (!string.IsNullOrEmpty(email) && (email.Length > 254 || !EmailPattern().IsMatch(email)))
        {
            errors.Add(("代表者のメールアドレスが正しくありません。", "The representative's e-mail address is not valid."));
        }

        if (errors.Count > 0)
        {
            throw new ProgrammeRuleException("company_invalid", string.Join(" ", errors.Select(e => e.Ja)), string.Join(" ", errors.Select(e => e.En)));
        }

        return code;
    }

    private static ProgrammeRuleException CodeTaken(string code) =>
        new("company_code_taken", $"会社コード {code} は既に使われています。", $"The company code {code} is already in use.");

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,31}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
