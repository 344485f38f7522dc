using System.Globalization;
using System.Security;
using System.Text;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>STS's query protocol: form-encoded request, XML answer.</summary>
internal static class SimulatedSts
{
    private const string Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static SimulatedHttpResponse Handle(SimulatedAws aws, string callerAccessKeyId, IReadOnlyDictionary<string, string> form)
    {
        if (form.GetValueOrDefault("Action") != "AssumeRole" || form.GetValueOrDefault("Version") != "2011-06-15")
        {
            throw new SimulatedAwsException(400, "InvalidAction", "Only AssumeRole (2011-06-15) is simulated.");
        }

        if (!form.TryGetValue("RoleArn", out var roleArn) || !form.TryGetValue("RoleSessionName", out var sessionName))
        {
            throw new SimulatedAwsException(400, "MissingParameter", "RoleArn and RoleSessionName are required.");
        }

        var duration = form.TryGetValue("DurationSeconds", out var d) ? int.Parse(d, CultureInfo.InvariantCulture) : 3600;
        var session = aws.AssumeRole(callerAccessKeyId, roleArn, sessionName, form.GetValueOrDefault("ExternalId"), duration);
        var xml = $"""
            <AssumeRoleResponse xmlns="{Ns}">
              <AssumeRoleResult>
                <Credentials>
                  <AccessKeyId>{session.AccessKeyId}</AccessKeyId>
                  <SecretAccessKey>{session.Secret}</SecretAccessKey>
                  <SessionToken>{SecurityElement.Escape(session.Token)}</SessionToken>
                  <Expiration>{session.Expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}</Expiration>
                </Credentials>
                <AssumedRoleUser>
                  <AssumedRoleId>AROASIMULATED{session.AccountId}:{SecurityElement.Escape(sessionName)}</AssumedRoleId>
                  <Arn>arn:aws:sts::{session.AccountId}:assumed-role/{session.RoleName}/{SecurityElement.Escape(sessionName)}</Arn>
                </AssumedRoleUser>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """;
        return new SimulatedHttpResponse(200, "text/xml", Encoding.UTF8.GetBytes(xml), SimulatedAws.RequestIdHeader());
    }

    public static SimulatedHttpResponse Error(SimulatedAwsException error)
    {
        var xml = $"""
            <ErrorResponse xmlns="{Ns}">
              <Error><Type>Sender</Type><Code>{error.Code}</Code><Message>{SecurityElement.Escape(error.Message)}</Message></Error>
              <RequestId>{Guid.NewGuid()}</RequestId>
            </ErrorResponse>
            """;
        return new SimulatedHttpResponse(error.Status, "text/xml", Encoding.UTF8.GetBytes(xml), SimulatedAws.RequestIdHeader());
    }
}
