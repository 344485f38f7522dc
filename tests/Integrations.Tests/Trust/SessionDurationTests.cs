using System.ComponentModel.DataAnnotations;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;

namespace CloudpackPlus.Integrations.Tests.Trust;

/// <summary>The role templates' MaxSessionDuration and Aws:SessionDurationSeconds must agree, checked at start.</summary>
public sealed class SessionDurationTests
{
    [Fact]
    public void SessionLongerThanTheRolesMaximum_FailsValidation_WithAMessageSayingWhatToSet()
    {
        var options = new AwsOptions { SessionDurationSeconds = RoleTrustTemplates.MaxSessionDurationSeconds + 1 };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        var error = Assert.Single(errors, e => e.MemberNames.Contains(nameof(AwsOptions.SessionDurationSeconds)));
        Assert.Contains("MaxSessionDuration", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"{RoleTrustTemplates.MaxSessionDurationSeconds}", error.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(new AwsOptions().Validate(new ValidationContext(options)), e => e.MemberNames.Contains(nameof(AwsOptions.SessionDurationSeconds)));
        Assert.Contains($"\"MaxSessionDuration\": {RoleTrustTemplates.MaxSessionDurationSeconds}",
            RoleTrustTemplates.ToJson(RoleTrustTemplates.CloudFormation(AwsRolePurpose.ReadOnly, "R", "arn:aws:iam::123456789012:role/P", "x")), StringComparison.Ordinal);
    }
}
