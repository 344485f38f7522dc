using System.Security.Cryptography;
using System.Text.Json;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Activities.Applications;

/// <summary>One file posted in an apply form's <c>file</c> field.</summary>
/// <param name="Field">The form field's name.</param>
/// <param name="FileName">The uploader's file name.</param>
/// <param name="Content">The bytes.</param>
public sealed record ApplyUpload(string Field, string FileName, byte[] Content);

/// <summary>
/// APP-1: turns the files posted with an apply form into rows to store with the application, checked by the
/// conversation's <see cref="AttachmentPolicy"/> (type sniffed from the content against the extension,
/// allow-list, 10 MB each). Each file field's form value becomes the list of the files' descriptions
/// <c>{id, fileName, size, contentType}</c> (never the bytes), which the schema then checks (count, required).
/// </summary>
public static class ApplyUploads
{
    /// <summary>
    /// The rows to store and the refusals. <paramref name="formData"/> gets, for every file field, the
    /// descriptions of its accepted files (a value the client posted for a file field is replaced).
    /// </summary>
    public static (List<ApplicationFile> Files, List<FormError> Errors) Prepare(FormSchema schema, Dictionary<string, JsonElement> formData,
        IReadOnlyList<ApplyUpload>? uploads, Guid companyId)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(formData);
        uploads ??= [];
        var files = new List<ApplicationFile>();
        var errors = new List<FormError>();
        var fileFields = schema.Fields.Where(f => f.Type == "file").ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var upload in uploads.Where(u => !fileFields.ContainsKey(u.Field)))
        {
            errors.Add(new FormError(upload.Field, FormErrorCodes.UnknownField, null));
        }

        foreach (var field in fileFields.Values)
        {
            formData.Remove(field.Name);
            var posted = uploads.Where(u => u.Field == field.Name).ToList();
            if (posted.Count > (field.MaxFiles ?? 1))
            {
                errors.Add(new FormError(field.Name, FormErrorCodes.MaxFiles, (field.MaxFiles ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }

            var accepted = new List<ApplicationFile>();
            foreach (var upload in posted)
            {
                var name = AttachmentPolicy.CleanFileName(upload.FileName);
                var (type, refusal) = AttachmentPolicy.Classify(name, upload.Content);
                if (refusal is { } why)
                {
                    errors.Add(new FormError(field.Name, Code(why), name));
                    continue;
                }

                accepted.Add(new ApplicationFile
                {
                    CompanyId = companyId, Field = field.Name, FileName = name, ContentType = type!, Size = upload.Content.Length,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Content)), Content = upload.Content,
                });
            }

            if (accepted.Count > 0)
            {
                formData[field.Name] = JsonSerializer.SerializeToElement(accepted.Select(f => new Dictionary<string, object>
                {
                    ["id"] = f.Id.ToString(), ["fileName"] = f.FileName, ["size"] = f.Size, ["contentType"] = f.ContentType,
                }));
            }

            files.AddRange(accepted);
        }

        return (files, errors);
    }

    private static string Code(AttachmentRefusal why) => why switch
    {
        AttachmentRefusal.Empty => FormErrorCodes.FileEmpty,
        AttachmentRefusal.TooLarge => FormErrorCodes.FileTooLarge,
        AttachmentRefusal.TypeNotAllowed => FormErrorCodes.FileType,
        _ => FormErrorCodes.FileContent,
    };
}
