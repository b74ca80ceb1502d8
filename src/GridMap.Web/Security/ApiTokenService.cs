using System.Security.Cryptography;
using GridMap.Data.Access;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Security;

public sealed class ApiTokenOptions
{
    public const string SectionName = "ApiTokens";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(12);
}

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Opaque bearer tokens: 32 random bytes handed to the client once; only their SHA-256 is
/// stored, so a database leak does not leak usable tokens. Revocation is a row update.
/// </summary>
public sealed class ApiTokenService(UserStore users, TimeProvider time, IOptions<ApiTokenOptions> options)
{
    public async Task<IssuedToken> IssueAsync(AuthenticatedUser user, CancellationToken cancellationToken)
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow() + options.Value.Lifetime;
        await users.CreateTokenAsync(user.Id, Hash(token), expiresAt, cancellationToken);
        return new IssuedToken(token, expiresAt);
    }

    public async Task<AuthenticatedUser?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var user = await users.FindByActiveTokenAsync(Hash(token), time.GetUtcNow(), cancellationToken);
        return user is null ? null : UserAuthenticator.ToAuthenticated(user);
    }

    public Task<bool> RevokeAsync(string token, CancellationToken cancellationToken) =>
        users.RevokeTokenAsync(Hash(token), time.GetUtcNow(), cancellationToken);

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
