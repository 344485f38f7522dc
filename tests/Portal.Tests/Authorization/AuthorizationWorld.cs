using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Authorization;

/// <summary>
/// The people and records the authorization table's URLs refer to: company A with a member, a representative and a
/// training application (attachment, apply-form file, report, open CSM task), company B's representative, and one
/// staff account per staff role plus a partner engineer.
/// </summary>
public sealed class AuthorizationWorld
{
    private AuthorizationWorld(Guid companyA, Guid companyB, TestAccount member, Dictionary<Asker, TestAccount?> accounts, TrainingSetup training,
        (Guid Inquiry, Guid Attachment, Guid Cycle) inquiry) =>
        (CompanyA, CompanyB, Member, Accounts, Training, Inquiry) = (companyA, companyB, member, accounts, training, inquiry);

    public Guid CompanyA { get; }

    public Guid CompanyB { get; }

    public TestAccount Member { get; }

    /// <summary>The account of each column (none for Anonymous).</summary>
    public IReadOnlyDictionary<Asker, TestAccount?> Accounts { get; }

    public TrainingSetup Training { get; }

    /// <summary>An inquiry of company A's member with one attachment, and a basic-service cycle of company A.</summary>
    public (Guid Inquiry, Guid Attachment, Guid Cycle) Inquiry { get; }

    /// <summary>CSAT: the pending survey of the training application.</summary>
    public Guid Survey { get; private init; }

    /// <summary>Creates the world; <paramref name="prefix"/> keeps its codes and e-mail addresses apart from another world's on the same app.</summary>
    public static async Task<AuthorizationWorld> CreateAsync(PortalAppFactory app, string prefix = "auth")
    {
        ArgumentNullException.ThrowIfNull(app);
        var a = await app.CreateCompanyAsync(prefix.ToUpperInvariant() + "A", $"{prefix} A 株式会社");
        var b = await app.CreateCompanyAsync(prefix.ToUpperInvariant() + "B", $"{prefix} B 株式会社");
        var member = await app.CreateAccountAsync(a, PersonRole.Member, $"member@{prefix}a.example.jp");
        var accounts = new Dictionary<Asker, TestAccount?>
        {
            [Asker.Anonymous] = null,
            [Asker.MfaNotSet] = await app.CreateAccountAsync(a, PersonRole.Member, $"nomfa@{prefix}a.example.jp", withMfa: false),
            [Asker.Member] = member,
            [Asker.Representative] = await app.CreateAccountAsync(a, PersonRole.Representative, $"rep@{prefix}a.example.jp"),
            [Asker.OtherCompanysRepresentative] = await app.CreateAccountAsync(b, PersonRole.Representative, $"rep@{prefix}b.example.jp"),
            [Asker.Csm] = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{prefix}.cloudpack.example.jp"),
            [Asker.CsmLead] = await app.CreateAccountAsync(null, PersonRole.CsmLead, $"lead@{prefix}.cloudpack.example.jp"),
            [Asker.Admin] = await app.CreateAccountAsync(null, PersonRole.Admin, $"admin@{prefix}.cloudpack.example.jp"),
            [Asker.Partner] = await app.CreateAccountAsync(null, PersonRole.Partner, $"partner@{prefix}.kdsec.example.jp"),
        };
        var training = await app.StartTrainingAsync(a, accounts[Asker.Representative]!, accounts[Asker.Csm]!);
        var inquiry = await InquirySeed.SeedAsync(app, a, member.PersonId, accounts[Asker.Csm]!.PersonId);
        var survey = await Csat.CsatSeed.IssueAsync(app, training.ApplicationId);
        return new AuthorizationWorld(a, b, member, accounts, training, inquiry) { Survey = survey };
    }

    /// <summary>A table URL with its placeholders filled in.</summary>
    public string Fill(string url) =>
        url.Replace("{member}", Member.UserId.ToString(), StringComparison.Ordinal)
            .Replace("{company}", CompanyA.ToString(), StringComparison.Ordinal)
            .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{application}", Training.ApplicationId.ToString(), StringComparison.Ordinal)
            .Replace("{attachment}", Training.AttachmentId.ToString(), StringComparison.Ordinal)
            .Replace("{file}", Training.FileId.ToString(), StringComparison.Ordinal)
            .Replace("{report}", Training.ReportId.ToString(), StringComparison.Ordinal)
            .Replace("{task}", Training.CsmTaskId.ToString(), StringComparison.Ordinal)
            .Replace("{inquiryAttachment}", Inquiry.Attachment.ToString(), StringComparison.Ordinal)
            .Replace("{inquiry}", Inquiry.Inquiry.ToString(), StringComparison.Ordinal)
            .Replace("{cycle}", Inquiry.Cycle.ToString(), StringComparison.Ordinal)
            .Replace("{survey}", Survey.ToString(), StringComparison.Ordinal);
}
