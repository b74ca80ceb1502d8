using GridMap.Data.Cases;
using Npgsql;

namespace GridMap.Data.Open311;

/// <summary>An Open311 API key as an administrator sees it: never the key, never its hash.</summary>
public sealed record ApiKeyListing(
    long Id,
    string Name,
    string Owner,
    string? Contact,
    string Prefix,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? RevokedBy,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    long Requests = 0)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>The key a request presented, once found active.</summary>
public sealed record ActiveApiKey(long Id, string Name);

public enum ApiKeyRevocation
{
    Revoked,
    NotFound,
    AlreadyRevoked,
}

/// <summary>The Open311 API keys: created by administrators, stored as SHA-256 only, revoked, never deleted.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    private static string Sql(string name) => NamedQueries.Get("Open311", name);

    public async Task<ApiKeyListing> CreateAsync(
        string name, string owner, string? contact, string prefix, byte[] keyHash, string createdBy, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("InsertKey"));
        var p = command.Parameters;
        p.AddWithValue("name", name);
        p.AddWithValue("owner", owner);
        p.AddText("contact", contact);
        p.AddWithValue("key_prefix", prefix);
        p.AddWithValue("key_hash", keyHash);
        p.AddWithValue("created_by", createdBy);
        p.AddInstant("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader, withCount: false);
    }

    public async Task<IReadOnlyList<ApiKeyListing>> ListAsync(CancellationToken cancellationToken) =>
        await ReadListAsync(null, cancellationToken);

    public async Task<ApiKeyListing?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await ReadListAsync(id, cancellationToken)).SingleOrDefault();

    public async Task<ApiKeyRevocation> RevokeAsync(long id, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("RevokeKey"));
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("revoked_by", revokedBy);
        command.Parameters.AddInstant("now", now);
        if (await command.ExecuteScalarAsync(cancellationToken) is long)
        {
            return ApiKeyRevocation.Revoked;
        }

        return await GetAsync(id, cancellationToken) is null ? ApiKeyRevocation.NotFound : ApiKeyRevocation.AlreadyRevoked;
    }

    /// <summary>The active key with this hash (and its last use noted), or null when unknown or revoked.</summary>
    public async Task<ActiveApiKey?> FindActiveAsync(byte[] keyHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("FindActiveKey"));
        command.Parameters.AddWithValue("key_hash", keyHash);
        command.Parameters.AddInstant("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ActiveApiKey(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    private async Task<IReadOnlyList<ApiKeyListing>> ReadListAsync(long? id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListKeys"));
        command.Parameters.AddNullable("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyListing>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader, withCount: true));
        }

        return keys;
    }

    private static ApiKeyListing Read(NpgsqlDataReader reader, bool withCount) => new(
        reader.Required<long>("id"),
        reader.Required<string>("name"),
        reader.Required<string>("owner"),
        reader.NullableString("contact"),
        reader.Required<string>("key_prefix"),
        reader.Required<string>("created_by"),
        reader.Required<DateTimeOffset>("created_at"),
        reader.NullableString("revoked_by"),
        reader.Instant("revoked_at"),
        reader.Instant("last_used_at"),
        withCount ? reader.Required<long>("requests") : 0);
}
