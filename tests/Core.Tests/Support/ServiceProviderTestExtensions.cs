using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Core.Tests.Support;

public static class ServiceProviderTestExtensions
{
    public static T Get<T>(this IServiceProvider services)
        where T : notnull => services.GetRequiredService<T>();

    public static Company GetCompany(this IServiceProvider services, Guid id) =>
        services.Get<CoreDbContext>().Companies.AsNoTracking().Single(c => c.Id == id);
}
