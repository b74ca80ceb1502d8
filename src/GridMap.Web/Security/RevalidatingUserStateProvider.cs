using System.Globalization;
using System.Security.Claims;
using GridMap.Data.Access;
using GridMap.Domain.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Security;

/// <summary>
/// The authentication state of a circuit. The cookie's principal is fixed when the circuit
/// starts, so this checks it against the users table when the circuit starts and then every
/// <see cref="CircuitOptions.RevalidationInterval"/>: a user who was disabled, deleted, or given
/// another role, officer or grid scope becomes anonymous, and the router sends them to sign in.
/// Written on <see cref="TimeProvider"/> rather than on the framework's
/// RevalidatingServerAuthenticationStateProvider (whose first check waits a whole interval and
/// whose timer is Task.Delay), so that tests drive it with a fake clock.
/// </summary>
public sealed class RevalidatingUserStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly UserStore _users;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<RevalidatingUserStateProvider> _logger;
    private CancellationTokenSource? _loop;

    public RevalidatingUserStateProvider(
        UserStore users, TimeProvider time, IOptions<CircuitOptions> options, ILogger<RevalidatingUserStateProvider> logger)
    {
        _users = users;
        _time = time;
        _interval = options.Value.RevalidationInterval;
        _logger = logger;
        AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    /// <summary>Whether the stored user still is who the principal says, with the same rights.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (!long.TryParse(principal.FindFirst(ClaimTypes.NameIdentifier)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        var user = await _users.FindByIdAsync(id, cancellationToken);
        if (user is null || user.Disabled)
        {
            return false;
        }

        var officer = principal.FindFirst(GridMapClaims.OfficerId)?.Value;
        var grids = principal.FindAll(GridMapClaims.Grid).Select(c => c.Value).Order(StringComparer.Ordinal);
        return principal.FindFirst(ClaimTypes.Role)?.Value == user.Role.ToCode()
            && officer == user.OfficerId?.ToString(CultureInfo.InvariantCulture)
            && grids.SequenceEqual(user.GrantedGrids.Select(g => g.Value).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= OnAuthenticationStateChanged;
        _loop?.Cancel();
        _loop?.Dispose();
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        _loop?.Cancel();
        _loop?.Dispose();
        _loop = new CancellationTokenSource();
        _ = RevalidateAsync(state, _loop.Token);
    }

    private async Task RevalidateAsync(Task<AuthenticationState> stateTask, CancellationToken cancellationToken)
    {
        try
        {
            var principal = (await stateTask).User;
            if (principal.Identity?.IsAuthenticated != true)
            {
                return;
            }

            using var timer = new PeriodicTimer(_interval, _time);
            do
            {
                bool current;
                try
                {
                    current = await IsCurrentAsync(principal, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A database outage must not sign everyone out: try again at the next tick.
                    _logger.LogWarning(ex, "Could not revalidate the circuit of {User}", principal.Identity.Name);
                    continue;
                }

                if (!current)
                {
                    _logger.LogInformation("Circuit of {User} ends: the user was disabled or their rights changed", principal.Identity.Name);
                    NotifyAuthenticationStateChanged(Task.FromResult(Anonymous));
                    return;
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The circuit ended or its state was replaced.
        }
    }
}
