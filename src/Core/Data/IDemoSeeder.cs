namespace CloudpackPlus.Core.Data;

/// <summary>
/// Adds a module's part of the demo data. Seeders run in <see cref="Order"/> after
/// migrations, must be idempotent (a second run adds nothing), and return a line per
/// thing they created or found, for the run script to print.
/// </summary>
public interface IDemoSeeder
{
    int Order { get; }

    Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken);
}
