using GridMap.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace GridMap.Web.Security;

/// <summary>
/// The named authorization policies: who may do what is decided here and nowhere else. Endpoint
/// groups use <c>RequireAuthorization(policy)</c>; pages that answer a forbidden user with their
/// own 403 text ask <see cref="HttpContextAuthorization.IsAuthorizedAsync"/> with the same name.
/// </summary>
public static class GridMapPolicies
{
    /// <summary>System administrators: taxonomy, calendar, notice texts, devices, API keys.</summary>
    public const string Administrator = "Administrator";

    /// <summary>The command centre or an administrator: department notifications, Open311 reporters.</summary>
    public const string CommandCentre = "CommandCentre";

    /// <summary>Those who evaluate grids (a grid officer is the one evaluated): the statistics.</summary>
    public const string StatisticsReader = "StatisticsReader";

    /// <summary>A patrol phone with a device token, on the ingest path only.</summary>
    public const string PatrolDevice = "PatrolDevice";

    /// <summary>The authentication scheme of patrol phones' device tokens (Patrol/DeviceTokenHandler).</summary>
    public const string DeviceTokenScheme = "DeviceToken";

    public static IReadOnlyList<UserRole> StatisticsRoles { get; } = [UserRole.GridLeader, UserRole.Command, UserRole.Official, UserRole.Admin];

    public static IServiceCollection AddGridMapPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            // Every endpoint needs a signed-in user unless it says otherwise (sign-in, health).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Administrator, p => p.RequireAuthenticatedUser().RequireRole(Codes(UserRole.Admin)))
            .AddPolicy(CommandCentre, p => p.RequireAuthenticatedUser().RequireRole(Codes(UserRole.Command, UserRole.Admin)))
            .AddPolicy(StatisticsReader, p => p.RequireAuthenticatedUser().RequireRole(Codes([.. StatisticsRoles])))
            .AddPolicy(PatrolDevice, p => p
                .AddAuthenticationSchemes(DeviceTokenScheme)
                .RequireClaim(GridMapClaims.Device));
        return services;
    }

    private static string[] Codes(params UserRole[] roles) => [.. roles.Select(r => r.ToCode())];
}

/// <summary>Evaluates a named policy for the current request, for pages that render their own refusal.</summary>
public static class HttpContextAuthorization
{
    public static async Task<bool> IsAuthorizedAsync(this HttpContext context, string policy) =>
        (await context.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, policy)).Succeeded;
}
