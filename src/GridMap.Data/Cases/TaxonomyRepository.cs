using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using System.Globalization;
using Npgsql;

namespace GridMap.Data.Cases;

/// <summary>The outcome of an administrator's taxonomy edit: the new version, or why it was refused.</summary>
public sealed record TaxonomyEditResult(bool Saved, int? Version, IReadOnlyList<string> Errors)
{
    /// <summary>Refused because the version the caller edited is no longer the current one (or a new code is taken).</summary>
    public bool Conflict { get; init; }

    /// <summary>The current version when <see cref="Conflict"/> (0: none is current).</summary>
    public int? CurrentVersion { get; init; }

    public static TaxonomyEditResult Refused(params string[] errors) => new(false, null, errors);

    public static TaxonomyEditResult Stale(string code, int? current) =>
        new(false, null, [current is > 0
            ? $"'{code}' is at version {current} now: reload it and edit again"
            : $"'{code}' has no current version (retired or unknown)"]) { Conflict = true, CurrentVersion = current ?? 0 };

    /// <summary>
    /// Refused because the current version starts after this server's "now": the clock of the node
    /// that wrote it is ahead of ours (or ours is behind). Closing it would give it a negative
    /// lifetime, so nothing is written and the caller is told why (409), never a 500.
    /// </summary>
    public static TaxonomyEditResult ClockBehind(string code, int current, DateTimeOffset currentFrom, DateTimeOffset now) =>
        new(false, null, [string.Create(CultureInfo.InvariantCulture,
            $"'{code}' version {current} is in force from {currentFrom:yyyy-MM-dd HH:mm:ss}Z, later than this server's clock ({now.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z): the servers' clocks disagree, so nothing was saved")])
        {
            Conflict = true,
            CurrentVersion = current,
            ClockSkew = true,
        };

    /// <summary>True when refused by <see cref="ClockBehind"/>.</summary>
    public bool ClockSkew { get; init; }
}

/// <summary>
/// The hazard taxonomy: read as it is now or as it was at any instant, and edited by
/// administrators as new versions. An edit closes the current version and inserts the next in
/// one transaction; nothing is overwritten, and cases keep pointing at the version they were
/// filed under.
/// </summary>
public sealed class TaxonomyRepository(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static string Sql(string name) => NamedQueries.Get("Cases", name);

    public async Task<IReadOnlyList<Department>> ListDepartmentsAsync(bool includeRetired, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListDepartments"));
        command.Parameters.AddWithValue("include_retired", includeRetired);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var departments = new List<Department>();
        while (await reader.ReadAsync(cancellationToken))
        {
            departments.Add(new Department(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetBoolean(4)));
        }

        return departments;
    }

    /// <summary>The categories in force at <paramref name="at"/> (null: now).</summary>
    public Task<IReadOnlyList<HazardCategory>> ListCategoriesAsync(DateTimeOffset? at, CancellationToken cancellationToken) =>
        ReadCategoriesAsync(code: null, at, history: false, cancellationToken);

    /// <summary>Every version of a category, oldest first.</summary>
    public Task<IReadOnlyList<HazardCategory>> CategoryHistoryAsync(string code, CancellationToken cancellationToken) =>
        ReadCategoriesAsync(code, at: null, history: true, cancellationToken);

    /// <summary>The sub-categories in force at <paramref name="at"/> (null: now), in display order.</summary>
    public Task<IReadOnlyList<HazardSubcategory>> ListSubcategoriesAsync(DateTimeOffset? at, CancellationToken cancellationToken) =>
        ReadSubcategoriesAsync(code: null, id: null, at, history: false, cancellationToken);

    public async Task<HazardSubcategory?> GetSubcategoryAsync(string code, DateTimeOffset? at, CancellationToken cancellationToken) =>
        (await ReadSubcategoriesAsync(code, id: null, at, history: false, cancellationToken)).SingleOrDefault();

    /// <summary>One exact version (what a case was filed under).</summary>
    public async Task<HazardSubcategory?> GetSubcategoryVersionAsync(long id, CancellationToken cancellationToken) =>
        (await ReadSubcategoriesAsync(code: null, id, at: null, history: true, cancellationToken)).SingleOrDefault();

    /// <summary>Every version of a sub-category, oldest first.</summary>
    public Task<IReadOnlyList<HazardSubcategory>> SubcategoryHistoryAsync(string code, CancellationToken cancellationToken) =>
        ReadSubcategoriesAsync(code, id: null, at: null, history: true, cancellationToken);

    /// <summary>
    /// Saves <paramref name="edit"/> as the next version of its sub-category (version 1 of a new
    /// one). Id, version and validity of <paramref name="edit"/> are ignored: the store assigns them.
    /// </summary>
    public Task<TaxonomyEditResult> ReviseSubcategoryAsync(
        HazardSubcategory edit, string changedBy, string? note, CancellationToken cancellationToken) =>
        ReviseSubcategoryAsync(edit, changedBy, note, expectedVersion: null, cancellationToken);

    /// <summary>
    /// As above, with optimistic concurrency: <paramref name="expectedVersion"/> is the version the
    /// administrator edited (0: a new sub-category, none may be current); any other current version
    /// refuses the edit with <see cref="TaxonomyEditResult.Conflict"/> and nothing written.
    /// </summary>
    public async Task<TaxonomyEditResult> ReviseSubcategoryAsync(
        HazardSubcategory edit, string changedBy, string? note, int? expectedVersion, CancellationToken cancellationToken)
    {
        var errors = TaxonomyRules.Validate(edit);
        if (errors.Count > 0)
        {
            return new TaxonomyEditResult(false, null, errors);
        }

        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand(Sql("CheckTaxonomyReferences"), connection, transaction))
        {
            check.Parameters.AddWithValue("category_code", edit.CategoryCode);
            check.Parameters.AddTextArray("departments", edit.Departments);
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var problems = new List<string>();
            if (!reader.GetBoolean(0))
            {
                problems.Add($"'{edit.CategoryCode}' is not a current category");
            }

            var unknown = reader.GetFieldValue<string[]>(1);
            if (unknown.Length > 0)
            {
                problems.Add($"unknown or retired department(s): {string.Join(", ", unknown)}");
            }

            if (problems.Count > 0)
            {
                return new TaxonomyEditResult(false, null, problems);
            }
        }

        var previous = 0;
        await using (var close = new NpgsqlCommand(Sql("CloseSubcategory"), connection, transaction))
        {
            close.Parameters.AddWithValue("code", edit.Code);
            close.Parameters.AddInstant("now", now);
            var current = await CloseCurrentAsync(close, cancellationToken);
            var closedVersion = current.Version;
            if (expectedVersion is { } expected && (closedVersion ?? 0) != expected)
            {
                await transaction.RollbackAsync(cancellationToken);
                return TaxonomyEditResult.Stale(edit.Code, closedVersion);
            }

            if (current.StartsAfterNow)
            {
                await transaction.RollbackAsync(cancellationToken);
                return TaxonomyEditResult.ClockBehind(edit.Code, current.Version!.Value, current.ValidFrom!.Value, now);
            }

            if (closedVersion is { } closed)
            {
                previous = closed;
            }
            else if (await HasHistoryAsync(connection, transaction, edit.Code, cancellationToken) is { } last)
            {
                // Retired earlier and now brought back: continue its numbering.
                previous = last;
            }
        }

        long id;
        await using (var insert = new NpgsqlCommand(Sql("InsertSubcategory"), connection, transaction))
        {
            var p = insert.Parameters;
            p.AddWithValue("code", edit.Code);
            p.AddWithValue("category_code", edit.CategoryCode);
            p.AddWithValue("name_zh", edit.NameZh.Trim());
            p.AddWithValue("name_en", edit.NameEn.Trim());
            p.AddWithValue("filing_zh", edit.FilingConditionsZh.Trim());
            p.AddWithValue("filing_en", edit.FilingConditionsEn.Trim());
            p.AddWithValue("closing_zh", edit.ClosingConditionsZh.Trim());
            p.AddWithValue("closing_en", edit.ClosingConditionsEn.Trim());
            p.AddWithValue("severity", edit.Severity.ToCode());
            foreach (var (prefix, stage) in new[] { ("verify", CaseStage.Verification), ("dispatch", CaseStage.Dispatch), ("handle", CaseStage.Handling), ("check", CaseStage.Check) })
            {
                var limit = edit.Limits.For(stage);
                p.AddWithValue($"{prefix}_amount", limit.Amount);
                p.AddWithValue($"{prefix}_unit", limit.Unit.ToCode());
            }

            p.AddWithValue("sort_order", edit.SortOrder);
            p.AddWithValue("version", previous + 1);
            p.AddInstant("now", now);
            p.AddWithValue("changed_by", changedBy);
            p.AddText("change_note", note);
            try
            {
                id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // Two administrators saved the same sub-category at once; the other one won.
                return TaxonomyEditResult.Refused($"sub-category '{edit.Code}' was changed by someone else meanwhile; reload it and edit again");
            }
        }

        await using (var departments = new NpgsqlCommand(Sql("InsertSubcategoryDepartments"), connection, transaction))
        {
            departments.Parameters.AddWithValue("id", id);
            departments.Parameters.AddTextArray("departments", edit.Departments);
            await departments.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new TaxonomyEditResult(true, previous + 1, []);
    }

    /// <summary>
    /// Closes the current version without a successor: no new case can be filed under it.
    /// Saved with the retired version; a conflict when none is current or it starts after "now".
    /// </summary>
    public async Task<TaxonomyEditResult> RetireSubcategoryAsync(string code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var close = dataSource.CreateCommand(Sql("CloseSubcategory"));
        close.Parameters.AddWithValue("code", code);
        close.Parameters.AddInstant("now", now);
        var current = await CloseCurrentAsync(close, cancellationToken);
        return current switch
        {
            { Version: null } => TaxonomyEditResult.Stale(code, null),
            { StartsAfterNow: true } => TaxonomyEditResult.ClockBehind(code, current.Version.Value, current.ValidFrom!.Value, now),
            _ => new TaxonomyEditResult(true, current.Version, []),
        };
    }

    /// <summary>Saves a category edit as its next version (version 1 of a new one).</summary>
    public Task<TaxonomyEditResult> ReviseCategoryAsync(
        string code, string nameZh, string nameEn, bool rentalHazard, int sortOrder, string changedBy, string? note, CancellationToken cancellationToken) =>
        ReviseCategoryAsync(code, nameZh, nameEn, rentalHazard, sortOrder, changedBy, note, expectedVersion: null, cancellationToken);

    /// <summary>As above, refused with a conflict when <paramref name="expectedVersion"/> is not the current version (0: new).</summary>
    public async Task<TaxonomyEditResult> ReviseCategoryAsync(
        string code, string nameZh, string nameEn, bool rentalHazard, int sortOrder, string changedBy, string? note, int? expectedVersion,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(nameZh) || string.IsNullOrWhiteSpace(nameEn))
        {
            return TaxonomyEditResult.Refused("a category needs a Chinese and an English name");
        }

        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var previous = 0;
        await using (var close = new NpgsqlCommand(Sql("CloseCategory"), connection, transaction))
        {
            close.Parameters.AddWithValue("code", code);
            close.Parameters.AddInstant("now", now);
            var current = await CloseCurrentAsync(close, cancellationToken);
            var closedVersion = current.Version;
            if (expectedVersion is { } expected && (closedVersion ?? 0) != expected)
            {
                await transaction.RollbackAsync(cancellationToken);
                return TaxonomyEditResult.Stale(code, closedVersion);
            }

            if (current.StartsAfterNow)
            {
                await transaction.RollbackAsync(cancellationToken);
                return TaxonomyEditResult.ClockBehind(code, current.Version!.Value, current.ValidFrom!.Value, now);
            }

            previous = closedVersion ?? 0;
        }

        await using (var insert = new NpgsqlCommand(Sql("InsertCategory"), connection, transaction))
        {
            var p = insert.Parameters;
            p.AddWithValue("code", code);
            p.AddWithValue("name_zh", nameZh.Trim());
            p.AddWithValue("name_en", nameEn.Trim());
            p.AddWithValue("rental_hazard", rentalHazard);
            p.AddWithValue("sort_order", sortOrder);
            p.AddWithValue("version", previous + 1);
            p.AddInstant("now", now);
            p.AddWithValue("changed_by", changedBy);
            p.AddText("change_note", note);
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.UniqueViolation)
            {
                return TaxonomyEditResult.Refused($"category '{code}' cannot be saved: {ex.MessageText}");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new TaxonomyEditResult(true, previous + 1, []);
    }

    /// <summary>Adds a department; false when the code is taken (also by a retired one).</summary>
    public async Task<bool> AddDepartmentAsync(Department department, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("InsertDepartment"));
        command.Parameters.AddWithValue("code", department.Code);
        command.Parameters.AddWithValue("name_zh", department.NameZh.Trim());
        command.Parameters.AddWithValue("name_en", department.NameEn.Trim());
        command.Parameters.AddWithValue("sort_order", department.SortOrder);
        return await command.ExecuteScalarAsync(cancellationToken) is string;
    }

    /// <summary>
    /// Renames a department (null names: unchanged) and retires or restores it (null: unchanged).
    /// A retired department stays named by old versions and cases, but new versions cannot list it.
    /// <paramref name="notifyUrl"/>: null keeps the notification URL, empty clears it (inbox), else
    /// the new URL (checked by the caller). False when there is no such department.
    /// </summary>
    public async Task<bool> UpdateDepartmentAsync(
        string code, string? nameZh, string? nameEn, int? sortOrder, bool? active, string? notifyUrl, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("UpdateDepartment"));
        command.Parameters.AddWithValue("code", code);
        command.Parameters.AddText("name_zh", nameZh?.Trim());
        command.Parameters.AddText("name_en", nameEn?.Trim());
        command.Parameters.AddNullable("sort_order", sortOrder);
        command.Parameters.AddNullable("active", active);
        command.Parameters.AddWithValue("set_notify_url", notifyUrl is not null);
        command.Parameters.AddText("notify_url", notifyUrl is { Length: > 0 } ? notifyUrl : null);
        return await command.ExecuteScalarAsync(cancellationToken) is string;
    }

    /// <summary>What CloseSubcategory/CloseCategory found: the current version (null: none) and whether it was left open.</summary>
    private readonly record struct CurrentVersion(int? Version, DateTimeOffset? ValidFrom, bool Closed)
    {
        public bool StartsAfterNow => Version is not null && !Closed;
    }

    private static async Task<CurrentVersion> CloseCurrentAsync(NpgsqlCommand close, CancellationToken cancellationToken)
    {
        await using var reader = await close.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CurrentVersion(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetBoolean(2))
            : new CurrentVersion(null, null, false);
    }

    private static async Task<int?> HasHistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string code, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql("LastSubcategoryVersion"), connection, transaction);
        command.Parameters.AddWithValue("code", code);
        return await command.ExecuteScalarAsync(cancellationToken) is int version ? version : null;
    }

    private async Task<IReadOnlyList<HazardCategory>> ReadCategoriesAsync(string? code, DateTimeOffset? at, bool history, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListCategories"));
        command.Parameters.AddText("code", code);
        command.Parameters.AddInstant("at", at);
        command.Parameters.AddWithValue("history", history);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var categories = new List<HazardCategory>();
        while (await reader.ReadAsync(cancellationToken))
        {
            categories.Add(new HazardCategory(
                reader.Required<string>("code"),
                reader.Required<string>("name_zh"),
                reader.Required<string>("name_en"),
                reader.Required<bool>("rental_hazard"),
                reader.Required<int>("sort_order"),
                reader.Required<int>("version"),
                reader.Required<DateTimeOffset>("valid_from"),
                reader.Instant("valid_to")));
        }

        return categories;
    }

    private async Task<IReadOnlyList<HazardSubcategory>> ReadSubcategoriesAsync(
        string? code, long? id, DateTimeOffset? at, bool history, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListSubcategories"));
        command.Parameters.AddText("code", code);
        command.Parameters.AddNullable("id", id);
        command.Parameters.AddInstant("at", at);
        command.Parameters.AddWithValue("history", history);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var subcategories = new List<HazardSubcategory>();
        while (await reader.ReadAsync(cancellationToken))
        {
            subcategories.Add(new HazardSubcategory
            {
                Id = reader.Required<long>("id"),
                Code = reader.Required<string>("code"),
                CategoryCode = reader.Required<string>("category_code"),
                NameZh = reader.Required<string>("name_zh"),
                NameEn = reader.Required<string>("name_en"),
                FilingConditionsZh = reader.Required<string>("filing_conditions_zh"),
                FilingConditionsEn = reader.Required<string>("filing_conditions_en"),
                ClosingConditionsZh = reader.Required<string>("closing_conditions_zh"),
                ClosingConditionsEn = reader.Required<string>("closing_conditions_en"),
                Severity = CaseValueCodes.SeverityFromCode(reader.Required<string>("severity")),
                Departments = reader.Required<string[]>("departments"),
                Limits = reader.StageLimits(),
                SortOrder = reader.Required<int>("sort_order"),
                Version = reader.Required<int>("version"),
                ValidFrom = reader.Required<DateTimeOffset>("valid_from"),
                ValidTo = reader.Instant("valid_to"),
                ChangedBy = reader.Required<string>("changed_by"),
                ChangeNote = reader.IsDBNull(reader.GetOrdinal("change_note")) ? null : reader.GetString(reader.GetOrdinal("change_note")),
            });
        }

        return subcategories;
    }
}
