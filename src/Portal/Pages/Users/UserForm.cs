using System.ComponentModel.DataAnnotations;
using CloudpackPlus.Core.Companies;

namespace CloudpackPlus.Portal.Pages.Users;

/// <summary>The fields a representative enters for a user.</summary>
public sealed class UserForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.DisplayName")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(254, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = "";

    [Display(Name = "Field.Role")]
    public PersonRole Role { get; set; } = PersonRole.Member;

    public static bool IsCustomerRole(PersonRole role) => role is PersonRole.Representative or PersonRole.Member;
}
