using System.Text.Encodings.Web;
using System.Text.Unicode;
using GridMap.Data;
using GridMap.Data.Access;
using GridMap.Data.Buildings;
using GridMap.Data.Grids;
using GridMap.Data.Migrations;
using GridMap.Data.Reference;
using GridMap.Data.Tiles;
using GridMap.Web.Security;
using GridMap.Web.Tiles;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Services;

/// <summary>Registers the console's data access, security, tiles and localization.</summary>
public static class GridMapServices
{
    public const string CompositeScheme = "GridMap";

    public static readonly string[] ApiPathPrefixes = ["/api", "/tiles", "/fragments"];

    public static IServiceCollection AddGridMapCore(this IServiceCollection services, IConfiguration configuration)
    {
        // Every option is bound from the container's final configuration (a test host adds its
        // settings after Program has registered the services) and checked before the app serves.
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .PostConfigure<IConfiguration>((o, final) =>
            {
                // GRIDMAP_DB (set by ./gridmap) wins over appsettings.
                if (final["GRIDMAP_DB"] is { Length: > 0 } fromEnvironment)
                {
                    o.ConnectionString = fromEnvironment;
                }
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString (or GRIDMAP_DB) is required")
            .ValidateOnStart();
        services.AddOptions<DistrictOptions>()
            .BindConfiguration(DistrictOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DistrictOptions>, DistrictOptionsValidator>();
        services.AddSingleton<DistrictTimeZone>();
        services.AddOptions<TileOptions>()
            .BindConfiguration(TileOptions.SectionName)
            .Validate(o => o.CacheSizeBytes > 0, "Tiles:CacheSizeBytes must be positive")
            .Validate(o => o.VersionPollInterval > TimeSpan.Zero && o.CacheLifetime > TimeSpan.Zero,
                "Tiles:VersionPollInterval and Tiles:CacheLifetime must be positive")
            .ValidateOnStart();
        services.AddOptions<ApiTokenOptions>()
            .BindConfiguration(ApiTokenOptions.SectionName)
            .Validate(o => o.Lifetime > TimeSpan.Zero && o.ValidationCacheLifetime >= TimeSpan.Zero,
                "ApiTokens:Lifetime must be positive and ApiTokens:ValidationCacheLifetime not negative")
            .ValidateOnStart();

        // The one clock of the application; tests replace it with a FakeTimeProvider.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => GridMapDataSource.Create(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<GridRepository>();
        services.AddSingleton<BuildingRepository>();
        services.AddSingleton<ReferenceRepository>();
        services.AddSingleton<TileRepository>();
        services.AddSingleton<UserStore>();

        services.AddMemoryCache();
        services.AddOptions<MemoryCacheOptions>().Configure<IOptions<TileOptions>>((cache, tiles) => cache.SizeLimit = tiles.Value.CacheSizeBytes);
        services.AddSingleton<DataVersion>();
        services.AddHostedService<DataVersionMonitor>();
        services.AddSingleton<TileService>();

        // Chinese text goes into pages and JSON as characters, not as \uXXXX or &#x...; escapes.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            string[] cultures = ["zh-CN", "en"];
            o.SetDefaultCulture("zh-CN").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Cookie first (the language switch), then the query string; never the browser's
            // Accept-Language: the console is Chinese unless a user chooses English.
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new QueryStringRequestCultureProvider(),
            ];
        });

        services.AddGridMapSecurity(configuration);
        return services;
    }

    private static void AddGridMapSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPasswordHasher<StoredUser>, PasswordHasher<StoredUser>>();
        services.AddOptions<SignInThrottleOptions>()
            .BindConfiguration(SignInThrottleOptions.SectionName)
            .Validate(o => o.MaxFailures > 0 && o.Window > TimeSpan.Zero && o.Lockout > TimeSpan.Zero,
                "SignIn:Throttle:MaxFailures, Window and Lockout must be positive")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<UserAuthenticator>();
        services.AddSingleton<ApiTokenService>();

        services.AddAuthentication(CompositeScheme)
            .AddPolicyScheme(CompositeScheme, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = context =>
                    BearerTokenHandler.TryGetToken(context.Request, out _)
                        ? BearerTokenHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "gridmap.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);

        services.AddGridMapPolicies();
    }

    // APIs, tiles and fragments answer 401/403; pages redirect to the sign-in page.
    private static Task StatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (ApiPathPrefixes.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
