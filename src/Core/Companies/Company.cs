using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Companies;

/// <summary>A customer company: one tenant of the portal.</summary>
public sealed class Company
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Short stable code staff use to refer to the company (unique).</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("companies");
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.HasIndex(c => c.Code).IsUnique();
    }
}
