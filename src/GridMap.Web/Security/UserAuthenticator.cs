using GridMap.Data.Access;
using Microsoft.AspNetCore.Identity;

namespace GridMap.Web.Security;

/// <summary>The outcome of a sign-in: the user, or nobody; <see cref="LockedUntil"/> when too many attempts failed.</summary>
public sealed record SignInAttempt(AuthenticatedUser? User, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Checks a username and password against the stored hash (Identity's PasswordHasher), refusing
/// a username locked by <see cref="SignInThrottle"/> without looking at the password.
/// </summary>
public sealed class UserAuthenticator(
    UserStore users, IPasswordHasher<StoredUser> hasher, SignInThrottle throttle, ILogger<UserAuthenticator> logger)
{
    // Verified when the user does not exist, so that a wrong username costs as much as a wrong password.
    private static readonly string s_decoyHash = new PasswordHasher<StoredUser>().HashPassword(null!, "decoy-password");

    public async Task<SignInAttempt> AuthenticateAsync(string username, string password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return new SignInAttempt(null);
        }

        if (throttle.LockedUntil(username) is { } locked)
        {
            logger.LogWarning("Sign-in refused for {Username}: locked until {LockedUntil} after repeated failures", username, locked);
            return new SignInAttempt(null, locked);
        }

        var user = await VerifyAsync(username, password, cancellationToken);
        if (user is null)
        {
            if (throttle.RecordFailure(username) is { } lockedNow)
            {
                logger.LogWarning("Username {Username} locked until {LockedUntil} after repeated failed sign-ins", username, lockedNow);
            }

            return new SignInAttempt(null);
        }

        throttle.RecordSuccess(username);
        return new SignInAttempt(user);
    }

    private async Task<AuthenticatedUser?> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByUsernameAsync(username, cancellationToken);
        if (user is null)
        {
            hasher.VerifyHashedPassword(null!, s_decoyHash, password);
            logger.LogInformation("Sign-in failed for unknown user {Username}", username);
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed || user.Disabled)
        {
            logger.LogInformation("Sign-in failed for {Username} (disabled: {Disabled})", user.Username, user.Disabled);
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.UpdatePasswordHashAsync(user.Id, hasher.HashPassword(user, password), cancellationToken);
        }

        logger.LogInformation("User {Username} signed in as {Role}", user.Username, user.Role);
        return ToAuthenticated(user);
    }

    internal static AuthenticatedUser ToAuthenticated(StoredUser user) =>
        new(user.Id, user.Username, user.DisplayName, user.Role, user.OfficerId, user.GrantedGrids);
}
