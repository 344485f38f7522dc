namespace CloudpackPlus.Testing;

/// <summary>
/// Locates the reference data in <c>../shared</c> (AWS models, SigV4 suite). The project
/// does not copy it: tests that need it call <see cref="Require"/>, which skips them
/// by name when the folder is absent.
/// </summary>
public static class SharedData
{
    /// <summary>The <c>shared</c> folder beside the checkout, or null when there is none.</summary>
    public static string? Root { get; } = Find();

    /// <summary>The absolute path of a file or folder under <c>shared/</c>; skips the calling test when it is missing.</summary>
    public static string Require(string relativePath)
    {
        var path = Root is null ? null : Path.Combine(Root, relativePath);
        Xunit.Skip.If(path is null || !(File.Exists(path) || Directory.Exists(path)),
            $"shared data not present: ../shared/{relativePath} (runs whenever the shared folder is beside the checkout)");
        return path!;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudpackPlus.sln")))
            {
                var shared = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                return Directory.Exists(shared) ? shared : null;
            }
        }

        return null;
    }
}
