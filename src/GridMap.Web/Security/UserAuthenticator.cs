using GridMap.Data.Access;
using Microsoft.AspNetCore.Identity;

namespace GridMap.Web.Security;

/// <summary>Checks a username and password against the stored hash (Identity's PasswordHasher).</summary>
public sealed class UserAuthenticator(UserStore users, IPasswordHasher<StoredUser> hasher, ILogger<UserAuthenticator> logger)
{
    // Verified when the user does not exist, so that a wrong username costs as much as a wrong password.
    private static readonly string s_decoyHash = new PasswordHasher<StoredUser>().HashPassword(null!, "decoy-password");

    public async Task<AuthenticatedUser?> AuthenticateAsync(string username, string password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return null;
        }

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
