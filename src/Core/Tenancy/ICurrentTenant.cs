namespace CloudpackPlus.Core.Tenancy;

/// <summary>
/// Whose data the current unit of work may see. <see cref="Data.CoreDbContext"/> filters every
/// <see cref="ICompanyOwned"/> entity by it. The portal registers an implementation from the
/// signed-in user; jobs and the workflow runtime use <see cref="SystemTenant"/>.
/// </summary>
public interface ICurrentTenant
{
    /// <summary>The company of a customer user; null for staff and the system.</summary>
    Guid? CompanyId { get; }

    /// <summary>Provider staff and the system see every company.</summary>
    bool IsStaff { get; }
}

/// <summary>Data that belongs to one company; hidden from users of any other company.</summary>
public interface ICompanyOwned
{
    Guid CompanyId { get; }
}

/// <summary>The unrestricted context of jobs, migrations and the workflow runtime.</summary>
public sealed class SystemTenant : ICurrentTenant
{
    public static SystemTenant Instance { get; } = new();

    public Guid? CompanyId => null;

    public bool IsStaff => true;
}

/// <summary>A fixed tenant: a customer of one company (or staff), for tests and background work on behalf of a user.</summary>
public sealed record FixedTenant(Guid? CompanyId, bool IsStaff) : ICurrentTenant
{
    public static FixedTenant ForCompany(Guid companyId) => new(companyId, false);
}
