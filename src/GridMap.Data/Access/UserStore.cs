using GridMap.Domain.Access;
using GridMap.Domain.Grids;
using Npgsql;

namespace GridMap.Data.Access;

/// <summary>A console user as stored, with the grids granted to them.</summary>
public sealed record StoredUser(
    long Id,
    string Username,
    string DisplayName,
    string PasswordHash,
    UserRole Role,
    long? OfficerId,
    bool Disabled,
    IReadOnlyList<GridCode> GrantedGrids,
    DateTimeOffset? TokenExpiresAt = null)
{
    public GridScope Scope => Role.SeesWholeDistrict() ? GridScope.Everything : GridScope.Of(GrantedGrids);
}

/// <summary>Users, their grid grants and their API tokens (stored as SHA-256 hashes only).</summary>
public sealed class UserStore(NpgsqlDataSource dataSource)
{
    private const string SelectUser =
        """
        SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.officer_id, u.disabled,
               coalesce(array_agg(s.grid_code ORDER BY s.grid_code) FILTER (WHERE s.grid_code IS NOT NULL), '{}')
        FROM app_user u
        LEFT JOIN user_grid_scope s ON s.user_id = u.id
        """;

    public async Task<StoredUser?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectUser + " WHERE u.username = @username GROUP BY u.id");
        command.Parameters.AddWithValue("username", username.Trim().ToLowerInvariant());
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<StoredUser?> FindByIdAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectUser + " WHERE u.id = @id GROUP BY u.id");
        command.Parameters.AddWithValue("id", id);
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task UpdatePasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE app_user SET password_hash = @hash WHERE id = @id");
        command.Parameters.AddWithValue("hash", passwordHash);
        command.Parameters.AddWithValue("id", userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> CreateTokenAsync(long userId, byte[] tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO api_token (user_id, token_hash, expires_at) VALUES (@user, @hash, @expires) RETURNING id");
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("hash", tokenHash);
        command.Parameters.AddWithValue("expires", expiresAt.UtcDateTime);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The user of a token that exists, has not expired at <paramref name="now"/> and is not revoked.</summary>
    public async Task<StoredUser?> FindByActiveTokenAsync(byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            SelectUser.Replace("FROM app_user u", ", max(t.expires_at) FROM app_user u") + """
             JOIN api_token t ON t.user_id = u.id
            WHERE t.token_hash = @hash AND t.revoked_at IS NULL AND t.expires_at > @now AND NOT u.disabled
            GROUP BY u.id
            """);
        command.Parameters.AddWithValue("hash", tokenHash);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>Revokes a token; true when it existed and was active.</summary>
    public async Task<bool> RevokeTokenAsync(byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE api_token SET revoked_at = @now WHERE token_hash = @hash AND revoked_at IS NULL");
        command.Parameters.AddWithValue("hash", tokenHash);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<StoredUser?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredUser(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            UserRoles.FromCode(reader.GetString(4)),
            reader.IsDBNull(5) ? null : reader.GetInt64(5),
            reader.GetBoolean(6),
            reader.GetFieldValue<string[]>(7).Select(GridCode.Parse).ToList(),
            reader.FieldCount > 8 ? reader.GetFieldValue<DateTimeOffset>(8) : null);
    }
}
