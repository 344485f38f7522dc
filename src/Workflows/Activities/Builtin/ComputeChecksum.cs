using System.Security.Cryptography;
using System.Text;

namespace CloudpackPlus.Workflows.Activities.Builtin;

/// <summary>Background example: hashes a text in a Hangfire job and resumes the instance with the hash.</summary>
[Activity("ComputeChecksum", DisplayNameJa = "チェックサム計算（バックグラウンド）", DisplayNameEn = "Compute checksum (background)",
    Category = "Examples", Kind = ActivityKind.Background, MaxAttempts = 3,
    Description = "Computes the SHA-256 of a text in a background job; an example of a long-running step.")]
public sealed class ComputeChecksum : Activity
{
    /// <summary>The text to hash.</summary>
    [Input(Description = "Text", Required = true)]
    public string Text { get; set; } = "";

    /// <summary>Lowercase hex SHA-256.</summary>
    [Output(Description = "SHA-256 (hex)")]
    public string Sha256 { get; set; } = "";

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
        return ValueTask.FromResult(ActivityResult.Done());
    }
}
