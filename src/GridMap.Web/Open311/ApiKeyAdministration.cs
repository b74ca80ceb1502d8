using System.Security.Cryptography;
using System.Text;
using GridMap.Data.Open311;

namespace GridMap.Web.Open311;

/// <summary>A new key: the listing and the key itself, which exists only in this answer.</summary>
public sealed record IssuedApiKey(ApiKeyListing Listing, string Key);

/// <summary>The outcome of creating a key: the key, or the fields at fault.</summary>
public sealed record ApiKeyCreation(IssuedApiKey? Issued, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Issued is not null;
}

/// <summary>
/// Open311 API keys for the admin API and the admin page alike. A key is "gm311_" and 32 random
/// bytes (base64url): long enough that guessing is hopeless; only its SHA-256 and the first
/// characters (to tell keys apart in a list) are stored.
/// </summary>
public sealed class ApiKeyAdministration(ApiKeyStore store, TimeProvider time, ILogger<ApiKeyAdministration> logger)
{
    public const string KeyPrefix = "gm311_";
    public const int PrefixLength = 12;

    public static string NewKey() =>
        KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public async Task<ApiKeyCreation> CreateAsync(string? name, string? owner, string? contact, string createdBy, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        owner = owner?.Trim();
        contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors["name"] = ["name is required (the system or app using the key), at most 100 characters"];
        }

        if (string.IsNullOrEmpty(owner) || owner.Length > 200)
        {
            errors["owner"] = ["owner is required (the organisation or person answerable for the key), at most 200 characters"];
        }

        if (contact is { Length: > 200 })
        {
            errors["contact"] = ["contact has at most 200 characters"];
        }

        if (errors.Count > 0)
        {
            return new ApiKeyCreation(null, errors);
        }

        var key = NewKey();
        var listing = await store.CreateAsync(name!, owner!, contact, key[..PrefixLength], Hash(key), createdBy, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Open311 key {KeyId} ({Prefix}…) created for {Owner} by {CreatedBy}", listing.Id, listing.Prefix, owner, createdBy);
        return new ApiKeyCreation(new IssuedApiKey(listing, key), errors);
    }

    public Task<IReadOnlyList<ApiKeyListing>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public Task<ApiKeyListing?> GetAsync(long id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    public async Task<ApiKeyRevocation> RevokeAsync(long id, string revokedBy, CancellationToken cancellationToken)
    {
        var outcome = await store.RevokeAsync(id, revokedBy, time.GetUtcNow(), cancellationToken);
        if (outcome == ApiKeyRevocation.Revoked)
        {
            logger.LogInformation("Open311 key {KeyId} revoked by {RevokedBy}", id, revokedBy);
        }

        return outcome;
    }

    /// <summary>The active key presented by a client, or null (missing, unknown or revoked).</summary>
    public async Task<ActiveApiKey?> AuthenticateAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200)
        {
            return null;
        }

        return await store.FindActiveAsync(Hash(key.Trim()), time.GetUtcNow(), cancellationToken);
    }
}
