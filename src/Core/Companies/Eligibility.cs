using CloudpackPlus.Core.Errors;

namespace CloudpackPlus.Core.Companies;

/// <summary>ELIG-1/2: why a company may not enrol.</summary>
public enum EligibilityIssue
{
    /// <summary>No AWS billing agency (adv.) or fixed-price plan contract in force.</summary>
    NoQualifyingContract,

    /// <summary>Only the dedicated-connection and/or CDN plans.</summary>
    OnlyExcludedPlans,

    PublicBody,

    AlliancePartner,

    ServedThroughThirdParty,
}

/// <summary>The outcome of an eligibility check: eligible, or every reason it is not.</summary>
public sealed record EligibilityResult(IReadOnlyList<EligibilityIssue> Issues)
{
    public bool IsEligible => Issues.Count == 0;
}

public static class EligibilityMessages
{
    public static string Ja(EligibilityIssue issue) => issue switch
    {
        EligibilityIssue.NoQualifyingContract => "AWS請求代行サービス、AWS請求代行サービスadv.、AWS定額プランのいずれかのご契約が必要です。",
        EligibilityIssue.OnlyExcludedPlans => "専用接続プラン・CDN専用プランのみをご契約のお客様はご利用対象外です。",
        EligibilityIssue.PublicBody => "公的機関のお客様はご利用対象外です。",
        EligibilityIssue.AlliancePartner => "当社と業務提携契約を行っているパートナー企業様はご利用対象外です。",
        EligibilityIssue.ServedThroughThirdParty => "第三者経由でサービス提供を受けており当社と直接のご契約がないお客様はご利用対象外です。",
        _ => issue.ToString(),
    };

    public static string En(EligibilityIssue issue) => issue switch
    {
        EligibilityIssue.NoQualifyingContract => "An AWS billing agency, billing agency adv. or fixed-price plan contract is required.",
        EligibilityIssue.OnlyExcludedPlans => "Companies with only the dedicated-connection and/or CDN plans are not eligible.",
        EligibilityIssue.PublicBody => "Public bodies are not eligible.",
        EligibilityIssue.AlliancePartner => "Partner companies under a business alliance are not eligible.",
        EligibilityIssue.ServedThroughThirdParty => "Companies served through a third party without a direct contract are not eligible.",
        _ => issue.ToString(),
    };
}

/// <summary>ELIG-2: enrolment refused; the reasons are in <see cref="Issues"/> and the message.</summary>
public sealed class EnrolmentRefusedException(IReadOnlyList<EligibilityIssue> issues)
    : ProgrammeRuleException(
        "enrolment_refused",
        "cloudpack+ にご入会いただけません: " + string.Join(" ", issues.Select(EligibilityMessages.Ja)),
        "Enrolment refused: " + string.Join(" ", issues.Select(EligibilityMessages.En)))
{
    public IReadOnlyList<EligibilityIssue> Issues { get; } = issues;
}
