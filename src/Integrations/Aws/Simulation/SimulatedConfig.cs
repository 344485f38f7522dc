using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

internal static class SimulatedConfig
{
    public static JsonNode? Handle(SimulatedContext c, string operation)
    {
        var account = c.Account;
        switch (operation)
        {
            case "DescribeConfigurationRecorders":
                RequireKnownNames(c);
                return new JsonObject
                {
                    ["ConfigurationRecorders"] = account.ConfigRecorderName is null ? new JsonArray() : new JsonArray(new JsonObject
                    {
                        ["arn"] = $"arn:aws:config:{c.Region}:{account.AccountId}:configuration-recorder/{account.ConfigRecorderName}/sim",
                        ["name"] = account.ConfigRecorderName,
                        ["roleARN"] = $"arn:aws:iam::{account.AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                        ["recordingGroup"] = new JsonObject { ["allSupported"] = true, ["includeGlobalResourceTypes"] = true },
                    }),
                };
            case "DescribeConfigurationRecorderStatus":
                RequireKnownNames(c);
                return new JsonObject
                {
                    ["ConfigurationRecordersStatus"] = account.ConfigRecorderName is null ? new JsonArray() : new JsonArray(new JsonObject
                    {
                        ["name"] = account.ConfigRecorderName,
                        ["recording"] = account.ConfigRecording,
                        ["lastStatus"] = account.ConfigRecording ? "Success" : "NotApplicable",
                    }),
                };
            case "PutConfigurationRecorder":
                var name = c.Body["ConfigurationRecorder"]?["name"]?.GetValue<string>() ?? "default";
                if (account.ConfigRecorderName is not null && account.ConfigRecorderName != name)
                {
                    throw SimulatedContext.Invalid("MaxNumberOfConfigurationRecordersExceededException",
                        "You have reached the limit of the number of configuration recorders you can create.");
                }

                account.ConfigRecorderName = name;
                return null;
            case "PutDeliveryChannel":
                if (account.ConfigRecorderName is null)
                {
                    throw SimulatedContext.Invalid("NoAvailableConfigurationRecorderException", "A configuration recorder must exist first.");
                }

                var bucket = c.Body["DeliveryChannel"]?["s3BucketName"]?.GetValue<string>();
                if (string.IsNullOrEmpty(bucket))
                {
                    throw SimulatedContext.Invalid("NoSuchBucketException", "The S3 bucket of the delivery channel does not exist.");
                }

                account.DeliveryChannelBucket = bucket;
                return null;
            case "StartConfigurationRecorder":
                if (c.String("ConfigurationRecorderName") != account.ConfigRecorderName || account.ConfigRecorderName is null)
                {
                    throw SimulatedContext.Invalid("NoSuchConfigurationRecorderException", "Cannot find configuration recorder.");
                }

                if (account.DeliveryChannelBucket is null)
                {
                    throw SimulatedContext.Invalid("NoAvailableDeliveryChannelException", "Delivery channel is not available to start configuration recorder.");
                }

                account.ConfigRecording = true;
                return null;
            case "StopConfigurationRecorder":
                if (c.String("ConfigurationRecorderName") != account.ConfigRecorderName || account.ConfigRecorderName is null)
                {
                    throw SimulatedContext.Invalid("NoSuchConfigurationRecorderException", "Cannot find configuration recorder.");
                }

                account.ConfigRecording = false;
                return null;
            default:
                throw new SimulatedAwsException(400, "UnknownOperationException", operation);
        }
    }

    private static void RequireKnownNames(SimulatedContext c)
    {
        if (c.Body["ConfigurationRecorderNames"] is JsonArray names
            && names.Any(n => n!.GetValue<string>() != c.Account.ConfigRecorderName))
        {
            throw SimulatedContext.Invalid("NoSuchConfigurationRecorderException", "Cannot find configuration recorder.");
        }
    }
}
