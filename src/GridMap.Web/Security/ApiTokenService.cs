using System.Security.Cryptography;
using GridMap.Data.Access;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Security;

public sealed class ApiTokenOptions
{
    public const string SectionName = "ApiTokens";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long a validated token is trusted without asking the database again. Revocation
    /// through this process is immediate; through another process it takes effect within this.
    /// </summary>
    public TimeSpan ValidationCacheLifetime { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Opaque bearer tokens: 32 random bytes handed to the client once; only their SHA-256 is
/// stored, so a database leak does not leak usable tokens. Revocation is a row update.
/// Validations are cached briefly so that an API client's every request (tiles above all)
/// does not cost a database round trip.
/// </summary>
public sealed class ApiTokenService(UserStore users, TimeProvider time, IOptions<ApiTokenOptions> options, IMemoryCache cache)
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
        var hash = Hash(token);
        var key = CacheKey(hash);
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out CachedValidation? cached) && cached is not null && cached.ExpiresAt > now)
        {
            return cached.User;
        }

        var user = await users.FindByActiveTokenAsync(hash, now, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var authenticated = UserAuthenticator.ToAuthenticated(user);
        cache.Set(key, new CachedValidation(authenticated, user.TokenExpiresAt ?? now), new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = options.Value.ValidationCacheLifetime,
        });
        return authenticated;
    }

    public async Task<bool> RevokeAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        cache.Remove(CacheKey(hash));
        return await users.RevokeTokenAsync(hash, time.GetUtcNow(), cancellationToken);
    }

    private static string CacheKey(byte[] hash) => "token:" + Convert.ToHexString(hash);

    private sealed record CachedValidation(AuthenticatedUser User, DateTimeOffset ExpiresAt);

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
