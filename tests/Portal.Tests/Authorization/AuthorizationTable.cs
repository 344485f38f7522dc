namespace CloudpackPlus.Portal.Tests.Authorization;

/// <summary>Who asks: the columns of the table.</summary>
public enum Asker
{
    Anonymous,
    MfaNotSet,
    Member,
    Representative,
    OtherCompanysRepresentative,
    Csm,
    CsmLead,
    Admin,

    /// <summary>WEB-L's partner engineer (no company; {application} is not assigned to it).</summary>
    Partner,
}

/// <summary>
/// The expected answer of every endpoint to every kind of user, one row per route pattern.
/// A cell is a status code ("200", "401", "403", "404"), or "login" (redirect to sign-in),
/// "mfa" (redirect to MFA enrolment), "denied" (redirect to the access-denied page), or
/// "-&gt;/path" (another redirect). A new endpoint needs a row here, or the table test fails.
/// Route values: {id} of /Users is a member of company A; {id} of /Staff/Companies is company A;
/// {application} is a training application of company A with one attachment ({attachment}), one apply-form file ({file}), one report ({report}) and an open CSM task ({task}).
/// </summary>
public static class AuthorizationTable
{
    //                                    Anonymous  MfaNotSet  Member    Rep       OtherRep  Csm       CsmLead   Admin     Partner
    private static readonly string[] Customer = ["login", "mfa", "200", "200", "200", "denied", "denied", "denied", "denied"];
    private static readonly string[] CustomerRecord = ["login", "mfa", "200", "200", "404", "denied", "denied", "denied", "denied"];
    private static readonly string[] RepresentativeOnly = ["login", "mfa", "denied", "200", "200", "denied", "denied", "denied", "denied"];
    private static readonly string[] RepresentativeRecord = ["login", "mfa", "denied", "200", "404", "denied", "denied", "denied", "denied"];
    private static readonly string[] Staff = ["login", "mfa", "denied", "denied", "denied", "200", "200", "200", "denied"];
    private static readonly string[] AdminOnly = ["login", "mfa", "denied", "denied", "denied", "denied", "denied", "200", "denied"];
    private static readonly string[] SignedIn = ["login", "mfa", "200", "200", "200", "200", "200", "200", "200"];
    private static readonly string[] Public = ["200", "200", "200", "200", "200", "200", "200", "200", "200"];
    private static readonly string[] PartnerOnly = ["login", "mfa", "denied", "denied", "denied", "denied", "denied", "denied", "200"];
    private static readonly string[] StaffApi = ["401", "403", "403", "403", "403", "200", "200", "200", "403"];

    /// <summary>An admin-only API (definitions import/publish) whose handler answers <paramref name="admin"/> to the probe request.</summary>
    private static string[] AdminApiAnswering(string admin) => ["401", "403", "403", "403", "403", "403", "403", admin, "403"];

    /// <summary>A staff-only API whose handler answers <paramref name="staff"/> to the probe request.</summary>
    private static string[] StaffApiAnswering(string staff) => ["401", "403", "403", "403", "403", staff, staff, staff, "403"];

    public static readonly IReadOnlyDictionary<string, (string Url, string[] Expected)> Rows = new Dictionary<string, (string, string[])>
    {
        [""] = ("/", [.. SignedIn[..^1], "->/Partner"]),
        ["Index"] = ("/Index", [.. SignedIn[..^1], "->/Partner"]),
        ["Account/Login"] = ("/Account/Login", ["200", "->/", "->/", "->/", "->/", "->/", "->/", "->/", "->/"]),
        ["Account/LoginWith2fa"] = ("/Account/LoginWith2fa", ["->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login"]),
        ["Account/LoginWithRecoveryCode"] = ("/Account/LoginWithRecoveryCode", ["->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login", "->/Account/Login"]),
        ["Account/Logout"] = ("/Account/Logout", Public),
        ["Account/AccessDenied"] = ("/Account/AccessDenied", ["403", "403", "403", "403", "403", "403", "403", "403", "403"]),
        ["Account/ChangePassword"] = ("/Account/ChangePassword", SignedIn),
        ["Account/Mfa/Enrol"] = ("/Account/Mfa/Enrol", ["login", "200", "->/Settings", "->/Settings", "->/Settings", "->/Settings", "->/Settings", "->/Settings", "->/Settings"]),
        ["Settings"] = ("/Settings", SignedIn),
        ["Settings/Index"] = ("/Settings/Index", SignedIn),
        ["Users"] = ("/Users", Customer),
        ["Users/Index"] = ("/Users/Index", Customer),
        ["Users/{id:guid}"] = ("/Users/{member}", CustomerRecord),
        ["Users/Create"] = ("/Users/Create", RepresentativeOnly),
        ["Users/Edit/{id:guid}"] = ("/Users/Edit/{member}", RepresentativeRecord),
        ["Users/Delete/{id:guid}"] = ("/Users/Delete/{member}", RepresentativeRecord),
        ["Company"] = ("/Company", Customer),
        ["Company/Index"] = ("/Company/Index", Customer),
        ["Staff/Companies"] = ("/Staff/Companies", Staff),
        ["Staff/Companies/Index"] = ("/Staff/Companies/Index", Staff),
        ["Staff/Companies/{id:guid}"] = ("/Staff/Companies/{company}", Staff),
        ["Staff/Companies/Create"] = ("/Staff/Companies/Create", Staff),
        ["Staff/Companies/{id:guid}/Ranks"] = ("/Staff/Companies/{company}/Ranks", Staff),
        ["Staff/Ranks"] = ("/Staff/Ranks", AdminOnly),
        ["Staff/Ranks/Index"] = ("/Staff/Ranks/Index", AdminOnly),
        ["Staff/Ranks/Import"] = ("/Staff/Ranks/Import", AdminOnly),
        ["Staff/Ranks/Rollover"] = ("/Staff/Ranks/Rollover", AdminOnly),
        ["Staff/Calendar"] = ("/Staff/Calendar", AdminOnly),
        ["Staff/Calendar/Index"] = ("/Staff/Calendar/Index", AdminOnly),
        ["Staff/Staff"] = ("/Staff/Staff", AdminOnly),
        ["Staff/Staff/Index"] = ("/Staff/Staff/Index", AdminOnly),
        ["Staff/Audit"] = ("/Staff/Audit", AdminOnly),
        ["Staff/Audit/Index"] = ("/Staff/Audit/Index", AdminOnly),
        ["Staff/Workflows"] = ("/Staff/Workflows", AdminOnly),
        ["Staff/Workflows/Index"] = ("/Staff/Workflows/Index", AdminOnly),
        ["Staff/Workflows/Edit/{id}"] = ("/Staff/Workflows/Edit/aws-training", AdminOnly),
        ["Staff/Workflows/History/{id}"] = ("/Staff/Workflows/History/aws-training", AdminOnly),
        ["Staff/Workflows/ApplyForm/{id}"] = ("/Staff/Workflows/ApplyForm/TRAIN-1", AdminOnly),
        ["Staff/Catalogue"] = ("/Staff/Catalogue", AdminOnly),
        ["Staff/Catalogue/Index"] = ("/Staff/Catalogue/Index", AdminOnly),
        ["Staff/Catalogue/Edit/{id}"] = ("/Staff/Catalogue/Edit/COST-L", AdminOnly),
        ["Staff/Team"] = ("/Staff/Team", Staff),
        ["Staff/Team/Index"] = ("/Staff/Team/Index", Staff),
        ["Services"] = ("/Services", Customer),
        ["Services/Index"] = ("/Services/Index", Customer),
        ["Services/Apply/{id}"] = ("/Services/Apply/TRAIN-1", RepresentativeOnly),
        ["Applications"] = ("/Applications", Customer),
        ["Applications/Index"] = ("/Applications/Index", Customer),
        ["Applications/{id:guid}"] = ("/Applications/{application}", CustomerRecord),
        ["Applications/{id:guid}/Attachments/{attachmentId:guid}"] = ("/Applications/{application}/Attachments/{attachment}", CustomerRecord),
        ["Applications/{id:guid}/Files/{fileId:guid}"] = ("/Applications/{application}/Files/{file}", CustomerRecord),
        ["Applications/{id:guid}/DiagnosisRole"] = ("/Applications/{application}/DiagnosisRole", ["login", "mfa", "404", "404", "404", "denied", "denied", "denied", "denied"]), // {application} is a training: only ACCT-D has the role (DiagnosisRolePageTests)
        ["Applications/{id:guid}/ReadOnlyRole"] = ("/Applications/{application}/ReadOnlyRole", ["login", "mfa", "404", "404", "404", "denied", "denied", "denied", "denied"]), // {application} is a training: only COST-C/SEC-C have the role task (ConsultingPageTests)
        ["Applications/{id:guid}/Reports/{reportId:guid}/{format}"] = ("/Applications/{application}/Reports/{report}/pdf", CustomerRecord),
        ["Staff/Dashboard"] = ("/Staff/Dashboard", Staff),
        ["Staff/Dashboard/Index"] = ("/Staff/Dashboard/Index", Staff),
        ["Staff/Tasks"] = ("/Staff/Tasks", Staff),
        ["Staff/Tasks/Index"] = ("/Staff/Tasks/Index", Staff),
        ["Staff/Tasks/{id:guid}"] = ("/Staff/Tasks/{task}", Staff),
        ["Staff/Applications"] = ("/Staff/Applications", Staff),
        ["Staff/Applications/Index"] = ("/Staff/Applications/Index", Staff),
        ["Staff/Applications/{id:guid}"] = ("/Staff/Applications/{application}", Staff),
        ["Staff/Applications/{id:guid}/Attachments/{attachmentId:guid}"] = ("/Staff/Applications/{application}/Attachments/{attachment}", Staff),
        ["Staff/Applications/{id:guid}/Files/{fileId:guid}"] = ("/Staff/Applications/{application}/Files/{file}", Staff),
        ["Staff/Applications/{id:guid}/Reports/{reportId:guid}/{format}"] = ("/Staff/Applications/{application}/Reports/{report}/pdf", Staff),
        ["Staff/Reports/Templates"] = ("/Staff/Reports/Templates", Staff),
        ["Staff/Reports/Templates/Index"] = ("/Staff/Reports/Templates/Index", Staff),
        // A service with neither a model source, a shipped template nor a published version: staff get 404.
        ["Staff/Reports/Templates/{service}/{culture}"] = ("/Staff/Reports/Templates/NO-SUCH/ja-JP", ["login", "mfa", "denied", "denied", "denied", "404", "404", "404", "denied"]),
        ["Staff/TrainingMenu"] = ("/Staff/TrainingMenu", Staff),
        ["Staff/TrainingMenu/Index"] = ("/Staff/TrainingMenu/Index", Staff),
        ["Staff/TrainingMenu/Edit/{id:guid?}"] = ("/Staff/TrainingMenu/Edit", Staff),
        ["Notifications"] = ("/Notifications", SignedIn),
        ["Notifications/Index"] = ("/Notifications/Index", SignedIn),
        ["Error/{code:int}"] = ("/Error/404", ["404", "404", "404", "404", "404", "404", "404", "404", "404"]),
        ["/api/calendar/business-days"] = ("/api/calendar/business-days?from=2026-05-11&add=20", Public),
        ["/api/calendar/holidays"] = ("/api/calendar/holidays?year=2026", Public),
        ["/health/live"] = ("/health/live", Public),
        ["/health/ready"] = ("/health/ready", Public),
        ["/api/workflows/activities"] = ("/api/workflows/activities", StaffApi),
        ["/api/workflows/definitions"] = ("/api/workflows/definitions", StaffApi),
        ["/api/workflows/definitions/import"] = ("POST /api/workflows/definitions/import", AdminApiAnswering("400")),
        ["/api/workflows/definitions/{id}/export"] = ("/api/workflows/definitions/no-such/export", StaffApiAnswering("404")),
        ["/api/workflows/definitions/{id}/versions"] = ("/api/workflows/definitions/no-such/versions", StaffApi),
        ["/api/workflows/definitions/{id}/versions/{version:int}/publish"] = ("POST /api/workflows/definitions/no-such/versions/1/publish", AdminApiAnswering("404")),
        ["/api/workflows/incidents"] = ("/api/workflows/incidents?status=open", StaffApi),
        ["/api/workflows/incidents/{id:guid}/cancel"] = ("POST /api/workflows/incidents/{unknown}/cancel", StaffApiAnswering("404")),
        ["/api/workflows/instances/{id:guid}/signals/{name}"] = ("POST /api/workflows/instances/{unknown}/signals/go", StaffApiAnswering("404")),
        ["/api/workflows/incidents/{id:guid}/retry"] = ("POST /api/workflows/incidents/{unknown}/retry", StaffApiAnswering("409")),
        ["/api/workflows/instances/{id:guid}"] = ("/api/workflows/instances/{unknown}", StaffApiAnswering("404")),
        ["/api/workflows/instances/{id:guid}/activities"] = ("/api/workflows/instances/{unknown}/activities", StaffApi),
        ["/api/workflows/instances/{id:guid}/cancel"] = ("POST /api/workflows/instances/{unknown}/cancel", StaffApiAnswering("409")),
        ["/api/workflows/instances/{id:guid}/journal"] = ("/api/workflows/instances/{unknown}/journal", StaffApi),
        ["/api/workflows/tasks"] = ("/api/workflows/tasks", StaffApi),
        ["/api/workflows/tasks/{id:guid}/claim"] = ("POST /api/workflows/tasks/{unknown}/claim", StaffApiAnswering("404")),
        ["/api/workflows/tasks/{id:guid}/complete"] = ("POST /api/workflows/tasks/{unknown}/complete", StaffApiAnswering("404")),
        ["/api/workflows/tasks/{id:guid}/release"] = ("POST /api/workflows/tasks/{unknown}/release", StaffApiAnswering("404")),
        ["/api/services/{id}"] = ("PUT /api/services/NEW-PROBE", ["401", "403", "403", "403", "403", "403", "403", "400", "403"]),
        ["/api/terms/{id}"] = ("PUT /api/terms/probe-terms", ["401", "403", "403", "403", "403", "403", "403", "400", "403"]),
        ["/admin/jobs/{**path}"] = ("/admin/jobs", ["401", "403", "403", "403", "403", "403", "403", "200", "403"]),
        // INQ-1, SCOPE-1, BAS: {inquiry} is an open inquiry of company A with one attachment ({inquiryAttachment}); {cycle} a basic-service cycle of company A.
        ["Inquiries"] = ("/Inquiries", Customer),
        ["Inquiries/Index"] = ("/Inquiries/Index", Customer),
        ["Inquiries/New"] = ("/Inquiries/New", Customer),
        ["Inquiries/{id:guid}"] = ("/Inquiries/{inquiry}", CustomerRecord),
        ["Inquiries/{id:guid}/Attachments/{attachmentId:guid}"] = ("/Inquiries/{inquiry}/Attachments/{inquiryAttachment}", CustomerRecord),
        ["Quotes"] = ("/Quotes", Customer),
        ["Quotes/Index"] = ("/Quotes/Index", Customer),
        ["Quotes/New"] = ("/Quotes/New", Customer),
        ["Basic/{id:guid}"] = ("/Basic/{cycle}", CustomerRecord),
        ["Basic/{id:guid}/{kind}"] = ("/Basic/{cycle}/proposal", CustomerRecord),
        ["Tools/Accounts"] = ("/Tools/Accounts", Customer),
        ["Tools/TrustedAdvisor"] = ("/Tools/TrustedAdvisor", Customer),
        ["Tools/Charges"] = ("/Tools/Charges", Customer),
        ["Staff/Tools"] = ("/Staff/Tools", AdminOnly),
        ["Reports"] = ("/Reports", Customer),
        ["Reports/Index"] = ("/Reports/Index", Customer),
        ["Surveys/{id:guid}"] = ("/Surveys/{survey}", CustomerRecord),
        ["Surveys/Index/{id:guid}"] = ("/Surveys/Index/{survey}", CustomerRecord),
        ["Staff/Tools/Index"] = ("/Staff/Tools/Index", AdminOnly),
        ["Staff/Inquiries"] = ("/Staff/Inquiries", Staff),
        ["Staff/Inquiries/Index"] = ("/Staff/Inquiries/Index", Staff),
        ["Staff/Inquiries/{id:guid}"] = ("/Staff/Inquiries/{inquiry}", Staff),
        ["Staff/Inquiries/{id:guid}/Attachments/{attachmentId:guid}"] = ("/Staff/Inquiries/{inquiry}/Attachments/{inquiryAttachment}", Staff),
        ["Staff/Inquiries/Redirects"] = ("/Staff/Inquiries/Redirects", AdminOnly),
        ["Staff/Quotes"] = ("/Staff/Quotes", Staff),
        ["Staff/Quotes/Index"] = ("/Staff/Quotes/Index", Staff),
        ["Staff/Basic/{id:guid}"] = ("/Staff/Basic/{cycle}", Staff),
        ["Staff/Basic/{id:guid}/{kind}"] = ("/Staff/Basic/{cycle}/work-report", Staff),
        ["Staff/Basic/Start/{companyId:guid}"] = ("/Staff/Basic/Start/{company}", Staff),
        ["Partner"] = ("/Partner", PartnerOnly),
        ["Partner/Index"] = ("/Partner/Index", PartnerOnly),
        ["Partner/Statistics"] = ("/Partner/Statistics?fy=2026", PartnerOnly),
        ["Partner/Applications/{id:guid}"] = ("/Partner/Applications/{application}", [.. PartnerOnly[..^1], "404"]), // not assigned to it
        // Operations console (issue #16): the instance list, viewer, API document and migration (admins); the OpenAPI JSON for staff.
        ["Staff/Instances"] = ("/Staff/Instances", Staff),
        ["Staff/Instances/Index"] = ("/Staff/Instances/Index", Staff),
        ["Staff/Instances/{id:guid}"] = ("/Staff/Instances/{unknown}", ["login", "mfa", "denied", "denied", "denied", "404", "404", "404", "denied"]),
        ["Staff/Instances/OpenApi"] = ("/Staff/Instances/OpenApi", Staff),
        ["Staff/Instances/Migrate"] = ("/Staff/Instances/Migrate", AdminOnly),
        ["/openapi/{documentName}.json"] = ("/openapi/workflows.json", Staff),
    };
}
