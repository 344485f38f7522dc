using CloudpackPlus.Core.Companies;
using CompanyEntity = CloudpackPlus.Core.Companies.Company;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>
/// The company fields of the programme's application form, as staff enter them. No validation
/// attributes: <see cref="CompanyAdminService"/> owns the rules and the page shows its message.
/// </summary>
public sealed class CompanyFields
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Industry { get; set; }

    public bool IsPublicBody { get; set; }

    public bool IsAlliancePartner { get; set; }

    public bool IsServedThroughThirdParty { get; set; }

    public string? RepresentativeEmail { get; set; }

    /// <summary>The company's xmin when the form was shown (edits only).</summary>
    public uint Version { get; set; }

    public CompanyForm ToForm() =>
        new(Code ?? "", Name ?? "", Industry, IsPublicBody, IsAlliancePartner, IsServedThroughThirdParty, RepresentativeEmail);

    public static CompanyFields From(CompanyEntity company)
    {
        ArgumentNullException.ThrowIfNull(company);
        return new CompanyFields
        {
            Code = company.Code, Name = company.Name, Industry = company.Industry, IsPublicBody = company.IsPublicBody,
            IsAlliancePartner = company.IsAlliancePartner, IsServedThroughThirdParty = company.IsServedThroughThirdParty,
            RepresentativeEmail = company.RepresentativeEmail, Version = company.RowVersion,
        };
    }
}
