using System.Globalization;
using CloudpackPlus.Core;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Tenancy;
using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Apis;
using CloudpackPlus.Portal.Companies;
using CloudpackPlus.Portal.Dashboard;
using CloudpackPlus.Portal.Demo;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Mail;
using CloudpackPlus.Portal.Notifications;
using CloudpackPlus.Portal.Operations;
using CloudpackPlus.Portal.Security;
using CloudpackPlus.Portal.Tenancy;
using CloudpackPlus.Portal.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal;

/// <summary>Registers and maps the customer portal and the staff console (Razor Pages).</summary>
public static class PortalServiceCollectionExtensions
{
    /// <summary>Where the embedded wwwroot files are served.</summary>
    public const string AssetsPath = "/assets";

    /// <summary>The only pages reachable without signing in.</summary>
    public static readonly string[] AnonymousPages =
        ["/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/Logout", "/Account/AccessDenied"];

    public static IServiceCollection AddCloudpackPortal(this IServiceCollection services)
    {
        services.AddOptions<PortalOptions>().BindConfiguration("Portal")
            .Validate(o => o.PasswordMinLength >= 8, "Portal:PasswordMinLength must be at least 8.")
            .ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration("Mail");
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        // Replaces Core's default (system) tenant: every Core and identity query is filtered by the signed-in user.
        services.Replace(ServiceDescriptor.Scoped<ICurrentTenant, HttpCurrentTenant>());
        services.AddCloudpackModuleDbContext<PortalIdentityDbContext>(PortalIdentityDbContext.Schema, order: 30);

        services.AddCloudpackPortalIdentity();
        services.AddCloudpackPortalMail();
        services.AddCloudpackRateLimits();
        services.AddCloudpackForwardedHeaders();
        services.AddCloudpackDashboard();
        services.AddCloudpackPortalTools();
        services.AddCloudpackOperations();
        services.AddScoped<AccountService>();
        services.AddScoped<Audit.StaffAudit>();
        services.AddScoped<Audit.AuditQuery>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<CompanyOverview>();
        services.AddScoped<StaffCompanyQuery>();
        services.AddScoped<Pages.Staff.Tasks.InboxReads>();
        services.AddScoped<Reports.DeliveredDocuments>();
        services.AddScoped<Applications.ApplicationDetailsLoader>();
        services.AddScoped<Applications.ApplicationDetailsComposer>();
        services.AddScoped<Applications.CustomerApplicationPage>();
        services.AddScoped<Applications.CustomerApplicationList>();
        services.AddScoped<Applications.ApplicationActions>();
        services.AddScoped<Applications.SignalActionDesk>();
        services.AddScoped<Csat.SurveyDesk>();
        services.AddScoped<Csat.CsatFigures>();
        services.AddScoped<Inquiries.InquiryPages>();
        services.Replace(ServiceDescriptor.Singleton<CloudpackPlus.Workflows.Api.ITaskActorResolver, Workflows.PortalTaskActorResolver>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeeder, PortalDemoSeeder>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeeder, Demo.TrainingDemoSeeder>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeeder, Demo.WebScanDemoSeeder>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeeder, Demo.InquiryDemoSeeder>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeeder, Demo.AwsServicesDemoSeeder>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeeder, Demo.ConsultingDemoSeeder>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeeder, Csat.CsatDemoSeeder>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeeder, Demo.DemoBalanceSeeder>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICustomerTodoSource, Applications.ApplicationTodoSource>());

        // Japanese text is written as text, not as &#x...; entities (readable source, smaller pages).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<IStringLocalizer<SharedResource>, SharedTextLocalizer>(); // one frozen table per culture (issue #17)
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // .NET's cached read-only cultures: the middleware hands each request CultureInfo.ReadOnly(a supported culture),
            // which for a culture built with new CultureInfo(name) is a fresh clone whose number and date formats are read
            // from ICU again on first use: 13 % of the host's CPU on /Company (issue #17).
            var cultures = PortalCultures.Supported.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture(cultures[0]);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // Japanese first: the remembered choice (cookie); before there is one, the browser's ja/en preference.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new BrowserLanguageProvider()];
        });
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/", PortalRoles.SignedInPolicy);
                foreach (var page in AnonymousPages)
                {
                    o.Conventions.AllowAnonymousToPage(page);
                }

                o.Conventions.AuthorizeFolder("/Users", PortalRoles.CustomerPolicy);
                o.Conventions.AuthorizePage("/Users/Create", PortalRoles.RepresentativePolicy);
                o.Conventions.AuthorizePage("/Users/Edit", PortalRoles.RepresentativePolicy);
                o.Conventions.AuthorizePage("/Users/Delete", PortalRoles.RepresentativePolicy);
                o.Conventions.AuthorizeFolder("/Company", PortalRoles.CustomerPolicy);
                o.Conventions.AuthorizeFolder("/Services", PortalRoles.CustomerPolicy);
                o.Conventions.AuthorizePage("/Services/Apply", PortalRoles.RepresentativePolicy);
                o.Conventions.AuthorizeFolder("/Applications", PortalRoles.CustomerPolicy);
                o.Conventions.AuthorizeFolder("/Inquiries", PortalRoles.CustomerPolicy);
                o.Conventions.AuthorizeFolder("/Quotes", PortalRoles.CustomerPolicy);
                o.Conventions.AuthorizeFolder("/Basic", PortalRoles.CustomerPolicy);
                o.Conventions.AuthorizeFolder("/Tools", PortalRoles.CustomerPolicy);
                o.Conventions.AuthorizeFolder("/Reports", PortalRoles.CustomerPolicy);
                o.Conventions.AuthorizeFolder("/Surveys", PortalRoles.CustomerPolicy);
                o.Conventions.AuthorizePage("/Staff/Inquiries/Redirects", PortalRoles.AdminPolicy);
                o.Conventions.AuthorizeFolder("/Staff", PortalRoles.StaffPolicy);
                // Programme settings are the admins' (docs/portal.md, the role matrix).
                o.Conventions.AuthorizeFolder("/Staff/Catalogue", PortalRoles.AdminPolicy);
                o.Conventions.AuthorizeFolder("/Staff/Ranks", PortalRoles.AdminPolicy);
                o.Conventions.AuthorizeFolder("/Staff/Calendar", PortalRoles.AdminPolicy);
                o.Conventions.AuthorizeFolder("/Staff/Staff", PortalRoles.AdminPolicy);
                o.Conventions.AuthorizeFolder("/Staff/Audit", PortalRoles.AdminPolicy);
                o.Conventions.AuthorizeFolder("/Staff/Tools", PortalRoles.AdminPolicy);
                o.Conventions.AuthorizeFolder("/Staff/Workflows", PortalRoles.AdminPolicy);
                o.Conventions.AuthorizeFolder("/Partner", PortalRoles.PartnerPolicy);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        return services;
    }

    private static void AddCloudpackPortalIdentity(this IServiceCollection services)
    {
        services.AddSingleton<TotpAuthenticator>();
        services.AddHostedService<RecoveryCodeUpgrade>();
        services.AddScoped<TotpTokenProvider>();
        services.AddIdentity<PortalUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.Name;
            })
            .AddUserStore<PortalUserStore>()
            .AddRoleStore<Microsoft.AspNetCore.Identity.EntityFrameworkCore.RoleStore<IdentityRole<Guid>, PortalIdentityDbContext, Guid>>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddPasswordValidator<PrintablePasswordValidator>()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name);
        services.AddOptions<IdentityOptions>().Configure<IOptions<PortalOptions>>((o, portal) =>
        {
            o.Password.RequiredLength = portal.Value.PasswordMinLength;
            o.Lockout.MaxFailedAccessAttempts = portal.Value.MaxFailedAccessAttempts;
            o.Lockout.DefaultLockoutTimeSpan = portal.Value.LockoutDuration;
        });
        // Every request checks the security stamp: a password change, a re-issued login or an
        // MFA reset signs the user out everywhere at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        // ... in one short statement, rebuilding the principal and re-issuing the cookie only when something changed.
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, PortalSessionValidator>());
        services.TryAddScoped<SecurityStampValidator<PortalUser>>(); // PortalSessionValidator's fallback, built only when a cookie no longer matches
        services.AddSingleton<SessionRowCache>();
        services.AddHostedService<SessionChangeListener>();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<PortalOptions>>((o, portal) =>
            {
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/AccessDenied";
                o.ExpireTimeSpan = portal.Value.SessionIdleTimeout;
                o.SlidingExpiration = true;
                HardenCookie(o.Cookie, portal.Value, "cp.session");
                // Lax, not Strict: a link in a notification mail is a cross-site navigation, and Strict would drop the
                // session on it (the user would meet the sign-in page). Posts stay protected by the antiforgery token,
                // whose cookie stays Strict.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
            });
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme)
            .Configure<IOptions<PortalOptions>>((o, portal) => HardenCookie(o.Cookie, portal.Value, "cp.2fa"));
        // The antiforgery cookie follows the request's scheme: it carries no identity (the session
        // cookie does), and "HTTPS only" here would turn a plain-HTTP request into a server error.
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cp.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // SecurityHeaders decides framing (DENY unless a response framed on purpose says otherwise); antiforgery's
            // own SAMEORIGIN would otherwise win on every page with a form.
            o.SuppressXFrameOptionsHeader = true;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(PortalRoles.SignedInPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(PortalRoles.CustomerPolicy, p => p.RequireRole(PortalRoles.Representative, PortalRoles.Member).RequireClaim(PortalClaims.CompanyId))
            .AddPolicy(PortalRoles.RepresentativePolicy, p => p.RequireRole(PortalRoles.Representative).RequireClaim(PortalClaims.CompanyId))
            .AddPolicy(PortalRoles.StaffPolicy, p => p.RequireRole(PortalRoles.StaffRoles))
            .AddPolicy(PortalRoles.AdminPolicy, p => p.RequireRole(PortalRoles.Admin))
            .AddPolicy(PortalRoles.PartnerPolicy, p => p.RequireRole(PortalRoles.Partner));
    }

    private static void HardenCookie(CookieBuilder cookie, PortalOptions portal, string name)
    {
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.SecurePolicy = portal.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        // __Host- binds the cookie to this origin, but browsers accept the prefix only on secure cookies.
        cookie.Name = portal.SecureCookies ? $"__Host-{name}" : name;
        cookie.Path = "/";
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static void AddCloudpackPortalMail(this IServiceCollection services)
    {
        services.AddSingleton<MailTemplates>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<MailDispatchJob>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Mode == MailMode.Capture
            ? ActivatorUtilities.CreateInstance<CaptureMailTransport>(sp)
            : ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp));
        services.AddHostedService<PortalRecurringJobs>();
        services.AddScoped<NotificationMailer>();
        services.AddScoped<NotificationInbox>();
        services.AddScoped<UnreadCountPrefetch>();
        services.AddScoped<Data.PageBatch>();
    }

    /// <summary>The portal's middleware, in order: headers, assets, language, sign-in, set-up gate, authorization.</summary>
    public static IApplicationBuilder UseCloudpackPortal(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseCloudpackForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler("/Error/500");
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseMiddleware<ControlCharacterGuard>();
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = AssetsPath,
            FileProvider = new EmbeddedFileProvider(typeof(PortalServiceCollectionExtensions).Assembly, "CloudpackPlus.Portal.wwwroot"),
        });
        app.UseRequestLocalization();
        // Wraps the session check too: a database outage answers 503 and keeps the session (docs/operations.md).
        app.UseMiddleware<DatabaseOutageGuard>();
        app.UseAuthentication();
        app.UseCloudpackRateLimits();
        app.UseMiddleware<OnboardingGate>();
        app.UseAuthorization();
        return app;
    }

    public static IEndpointRouteBuilder MapCloudpackPortal(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        endpoints.MapCalendarApi();
        endpoints.MapServicesApi();
        endpoints.MapCloudpackOperations();
        return endpoints;
    }
}
