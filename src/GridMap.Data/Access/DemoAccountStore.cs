using Npgsql;

namespace GridMap.Data.Access;

/// <summary>
/// A first-level grid with the two officers its demo accounts stand for: the grid leader of the
/// village/community and one grid officer (the first by grid code) of one of its third-level grids.
/// </summary>
public sealed record DemoVillage(
    string Code,
    string Name,
    long? LeaderOfficerId,
    string? LeaderName,
    long? OfficerId,
    string? OfficerName,
    string? OfficerGridCode,
    string? OfficerGridName);

/// <summary>An account as the accounts command wants it to be.</summary>
public sealed record DemoAccount(
    string Username,
    string DisplayName,
    string Role,
    long? OfficerId,
    IReadOnlyList<string> ScopeGridCodes);

/// <summary>What one upsert changed.</summary>
public sealed record DemoAccountChange(string Username, bool Created, bool Updated, int ScopeRowsChanged);

/// <summary>The SQL behind `gridmap-tools accounts`: reads the officers to link and upserts the accounts.</summary>
public sealed class DemoAccountStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<DemoVillage>> LoadVillagesAsync(CancellationToken cancellationToken)
    {
        const string sql =
            """
            SELECT g.code, g.name, leader.officer_id, leader.name, worker.officer_id, worker.name, worker.grid_code, worker.grid_name
            FROM grid g
            LEFT JOIN LATERAL (
                SELECT a.officer_id, o.name
                FROM officer_assignment a JOIN officer o ON o.id = a.officer_id
                WHERE a.grid_code = g.code AND a.role = 'grid_leader' AND a.until IS NULL
                ORDER BY a.officer_id
                LIMIT 1
            ) leader ON true
            LEFT JOIN LATERAL (
                SELECT a.officer_id, o.name, a.grid_code, c.name AS grid_name
                FROM officer_assignment a
                JOIN officer o ON o.id = a.officer_id
                JOIN grid c ON c.code = a.grid_code AND c.valid_to IS NULL AND c.level = 3
                WHERE a.grid_code LIKE g.code || '%' AND a.role = 'grid_officer' AND a.until IS NULL
                ORDER BY a.grid_code, a.officer_id
                LIMIT 1
            ) worker ON true
            WHERE g.level = 1 AND g.valid_to IS NULL
            ORDER BY g.code
            """;
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var villages = new List<DemoVillage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            villages.Add(new DemoVillage(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return villages;
    }

    /// <summary>The stored password hashes of the given users (missing users are absent).</summary>
    public async Task<IReadOnlyDictionary<string, string>> LoadPasswordHashesAsync(IReadOnlyList<string> usernames, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT username, password_hash FROM app_user WHERE username = ANY (@usernames)");
        command.Parameters.AddWithValue("usernames", usernames.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[reader.GetString(0)] = reader.GetString(1);
        }

        return hashes;
    }

    /// <summary>
    /// Creates or updates the accounts and makes their scope rows exactly the given ones, in one
    /// transaction. A row whose values are already the wanted ones is not touched, so re-running
    /// with the same password hashes changes nothing. The disabled flag is left as an
    /// administrator set it.
    /// </summary>
    public async Task<IReadOnlyList<DemoAccountChange>> UpsertAsync(
        IReadOnlyList<(DemoAccount Account, string PasswordHash)> accounts,
        CancellationToken cancellationToken)
    {
        const string upsert =
            """
            WITH existing AS (SELECT id FROM app_user WHERE username = @username),
            written AS (
                INSERT INTO app_user (username, display_name, password_hash, role, officer_id)
                VALUES (@username, @display_name, @password_hash, @role, @officer_id)
                ON CONFLICT (username) DO UPDATE
                    SET display_name = EXCLUDED.display_name,
                        password_hash = EXCLUDED.password_hash,
                        role = EXCLUDED.role,
                        officer_id = EXCLUDED.officer_id
                    WHERE (app_user.display_name, app_user.password_hash, app_user.role, app_user.officer_id)
                          IS DISTINCT FROM
                          (EXCLUDED.display_name, EXCLUDED.password_hash, EXCLUDED.role, EXCLUDED.officer_id)
                RETURNING id
            )
            SELECT coalesce((SELECT id FROM written), (SELECT id FROM existing)),
                   NOT EXISTS (SELECT 1 FROM existing),
                   EXISTS (SELECT 1 FROM written)
            """;
        const string removeScopes =
            "DELETE FROM user_grid_scope WHERE user_id = @user_id AND grid_code <> ALL (@codes)";
        const string addScopes =
            """
            INSERT INTO user_grid_scope (user_id, grid_code)
            SELECT @user_id, code FROM unnest(@codes::text[]) AS code
            ON CONFLICT DO NOTHING
            """;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changes = new List<DemoAccountChange>(accounts.Count);
        foreach (var (account, hash) in accounts)
        {
            long userId;
            bool created, written;
            await using (var command = new NpgsqlCommand(upsert, connection, transaction))
            {
                command.Parameters.AddWithValue("username", account.Username);
                command.Parameters.AddWithValue("display_name", account.DisplayName);
                command.Parameters.AddWithValue("password_hash", hash);
                command.Parameters.AddWithValue("role", account.Role);
                command.Parameters.AddWithValue("officer_id", (object?)account.OfficerId ?? DBNull.Value);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                userId = reader.GetInt64(0);
                created = reader.GetBoolean(1);
                written = reader.GetBoolean(2);
            }

            var codes = account.ScopeGridCodes.ToArray();
            var scopeChanges = 0;
            foreach (var sql in new[] { removeScopes, addScopes })
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                command.Parameters.AddWithValue("user_id", userId);
                command.Parameters.AddWithValue("codes", codes);
                scopeChanges += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            changes.Add(new DemoAccountChange(account.Username, created, written && !created, scopeChanges));
        }

        await transaction.CommitAsync(cancellationToken);
        return changes;
    }
}
