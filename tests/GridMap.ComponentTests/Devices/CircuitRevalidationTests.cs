using System.Security.Claims;
using GridMap.Data.Access;
using GridMap.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GridMap.ComponentTests.Devices;

/// <summary>
/// A circuit's user is checked against the users table when the circuit starts and every
/// minute: disabling the user (or changing their role) ends their console within that minute.
/// </summary>
public sealed class CircuitRevalidationTests(DemoDatabase database) : IClassFixture<DemoDatabase>
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private RevalidatingUserStateProvider Provider() =>
        new(new UserStore(database.DataSource), time, Options.Create(new CircuitOptions()), NullLogger<RevalidatingUserStateProvider>.Instance);

    private async Task<ClaimsPrincipal> SignedInAsync(string username)
    {
        var user = await new UserStore(database.DataSource).FindByUsernameAsync(username, Ct);
        return GridMapPrincipal.Create(UserAuthenticator.ToAuthenticated(user!));
    }

    private static async Task<bool> StaysAuthenticatedAsync(Task<AuthenticationState> changed)
    {
        var finished = await Task.WhenAny(changed, Task.Delay(Settle, Ct));
        return finished != changed || (await changed).User.Identity?.IsAuthenticated == true;
    }

    [Fact]
    public async Task A_disabled_user_becomes_anonymous_at_the_next_check_within_a_minute()
    {
        using var provider = Provider();
        var principal = await SignedInAsync("leader01");
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var changed = NextChange(provider);
        Assert.True(await StaysAuthenticatedAsync(changed), "a valid user keeps the circuit");

        await ExecuteAsync("UPDATE app_user SET disabled = true WHERE username = 'leader01'", Ct);
        Assert.True(await StaysAuthenticatedAsync(changed), "no check before the interval has passed");
        time.Advance(TimeSpan.FromMinutes(1));

        var state = await changed.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.False(state.User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task A_principal_whose_role_or_grants_no_longer_match_the_store_is_not_current()
    {
        using var provider = Provider();
        var principal = await SignedInAsync("command");
        Assert.True(await provider.IsCurrentAsync(principal, Ct));

        var promoted = new ClaimsPrincipal(new ClaimsIdentity(
            principal.Claims.Where(c => c.Type != ClaimTypes.Role).Append(new Claim(ClaimTypes.Role, "admin")), "GridMap"));
        Assert.False(await provider.IsCurrentAsync(promoted, Ct));

        var widened = new ClaimsPrincipal(new ClaimsIdentity(
            principal.Claims.Append(new Claim(GridMapClaims.Grid, "441302010001")), "GridMap"));
        Assert.False(await provider.IsCurrentAsync(widened, Ct));
    }

    [Fact]
    public async Task A_circuit_started_by_a_user_disabled_meanwhile_ends_at_once()
    {
        using var provider = Provider();
        var principal = await SignedInAsync("official");
        await ExecuteAsync("UPDATE app_user SET disabled = true WHERE username = 'official'", Ct);
        var signedOut = SignedOut(provider);

        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));

        // No clock advance: the check when the circuit starts is enough.
        await signedOut.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Completes when the provider announces an anonymous user.
    private static Task SignedOut(AuthenticationStateProvider provider)
    {
        var signedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state =>
        {
            if ((await state).User.Identity?.IsAuthenticated != true)
            {
                signedOut.TrySetResult();
            }
        };
        return signedOut.Task;
    }

    private static Task<AuthenticationState> NextChange(AuthenticationStateProvider provider)
    {
        var next = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(Task<AuthenticationState> state)
        {
            provider.AuthenticationStateChanged -= Handler;
            _ = state.ContinueWith(t => next.TrySetResult(t.Result), TaskScheduler.Default);
        }

        provider.AuthenticationStateChanged += Handler;
        return next.Task;
    }
}
