using GridMap.Data.Cases;
using Npgsql;

namespace GridMap.Data.Rectification;

/// <summary>The four texts of a sub-category's legal basis and requirements, as saved.</summary>
public sealed record RectificationBasisText(string BasisZh, string BasisEn, string RequirementsZh, string RequirementsEn);

/// <summary>
/// The legal basis and prefilled requirements a notice for a sub-category is issued with, and the
/// sub-category's current name (null when the code is in no taxonomy version).
/// </summary>
public sealed record RectificationBasis(
    string SubcategoryCode,
    RectificationBasisText Text,
    int Version,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    string? SubcategoryZh,
    string? SubcategoryEn,
    string? CategoryCode);

/// <summary>
/// One saved edit of a basis: who, when, why, and the texts before and after; <see cref="Before"/>
/// is null when it was the basis's addition in the console (version 1).
/// </summary>
public sealed record RectificationBasisChange(
    long Id, string SubcategoryCode, int Version, DateTimeOffset ChangedAt, string ChangedBy, string? Note,
    RectificationBasisText? Before, RectificationBasisText After);

/// <summary>
/// A current sub-category with its current category, as far as a basis is concerned: only one of
/// a rental-hazard category (<see cref="RentalHazard"/>) takes a basis.
/// </summary>
public sealed record BasisSubcategory(
    string SubcategoryCode, string SubcategoryZh, string SubcategoryEn, string CategoryCode, string CategoryZh, string CategoryEn, bool RentalHazard);

/// <summary>The three texts of an issuing street office.</summary>
public sealed record StreetOfficeText(string NameZh, string NameEn, string ShortZh);

/// <summary>The street office notices of a street (9-digit code) are issued in the name of.</summary>
public sealed record StreetOffice(string StreetCode, StreetOfficeText Text, int Version, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>One saved edit of an office; <see cref="Before"/> is null when it was the office's addition.</summary>
public sealed record StreetOfficeChange(
    long Id, string StreetCode, int Version, DateTimeOffset ChangedAt, string ChangedBy, string? Note,
    StreetOfficeText? Before, StreetOfficeText After);

public enum ReferenceEditOutcome
{
    Saved,
    NotFound,

    /// <summary>The version edited is no longer current (someone saved in between).</summary>
    Stale,

    /// <summary>The row to add exists already.</summary>
    Exists,

    /// <summary>The texts are the ones saved already: nothing to record.</summary>
    Unchanged,
}

/// <summary>The outcome of an edit and the row's version now (after the edit, or the current one when stale).</summary>
public sealed record ReferenceEditResult(ReferenceEditOutcome Outcome, int? Version);

/// <summary>
/// The reference data rectification notices are issued with: <c>rectification_basis</c> and
/// <c>street_office</c>. Every edit is version-checked under a row lock and recorded with the old
/// and new texts in the same transaction (append-only change tables, 0014). Notices issued
/// earlier are untouched: they carry their own copy of these texts.
/// </summary>
public sealed class RectificationReferenceRepository(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static string Sql(string name) => NamedQueries.Get("Rectification", name);

    public async Task<IReadOnlyList<RectificationBasis>> ListBasesAsync(CancellationToken cancellationToken) =>
        await ReadBasesAsync(null, cancellationToken);

    public async Task<RectificationBasis?> GetBasisAsync(string subcategoryCode, CancellationToken cancellationToken) =>
        (await ReadBasesAsync(subcategoryCode, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<RectificationBasis>> ReadBasesAsync(string? code, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListBases"));
        command.Parameters.AddText("code", code);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<RectificationBasis>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new RectificationBasis(
                reader.Required<string>("subcategory_code"),
                new RectificationBasisText(
                    reader.Required<string>("basis_zh"),
                    reader.Required<string>("basis_en"),
                    reader.Required<string>("requirements_zh"),
                    reader.Required<string>("requirements_en")),
                reader.Required<int>("version"),
                reader.Required<string>("changed_by"),
                reader.Required<DateTimeOffset>("changed_at"),
                reader.NullableString("subcategory_zh"),
                reader.NullableString("subcategory_en"),
                reader.NullableString("category_code")));
        }

        return list;
    }

    /// <summary>The edits of one basis, newest first.</summary>
    public async Task<IReadOnlyList<RectificationBasisChange>> ListBasisChangesAsync(string subcategoryCode, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListBasisChanges"));
        command.Parameters.AddWithValue("code", subcategoryCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<RectificationBasisChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new RectificationBasisChange(
                reader.Required<long>("id"),
                reader.Required<string>("subcategory_code"),
                reader.Required<int>("version"),
                reader.Required<DateTimeOffset>("changed_at"),
                reader.Required<string>("changed_by"),
                reader.NullableString("note"),
                reader.NullableString("old_basis_zh") is { } oldBasisZh
                    ? new RectificationBasisText(
                        oldBasisZh,
                        reader.Required<string>("old_basis_en"),
                        reader.Required<string>("old_requirements_zh"),
                        reader.Required<string>("old_requirements_en"))
                    : null,
                new RectificationBasisText(
                    reader.Required<string>("basis_zh"),
                    reader.Required<string>("basis_en"),
                    reader.Required<string>("requirements_zh"),
                    reader.Required<string>("requirements_en"))));
        }

        return list;
    }

    /// <summary>
    /// Replaces a basis if <paramref name="expectedVersion"/> is still current, and records the
    /// edit, in one transaction. The caller validated the texts.
    /// </summary>
    public Task<ReferenceEditResult> UpdateBasisAsync(
        string subcategoryCode, RectificationBasisText text, int expectedVersion, string changedBy, string? note,
        CancellationToken cancellationToken) =>
        ReviseAsync(
            "LockBasis", "UpdateBasis", subcategoryCode, text, expectedVersion, changedBy,
            reader => new RectificationBasisText(
                reader.Required<string>("basis_zh"),
                reader.Required<string>("basis_en"),
                reader.Required<string>("requirements_zh"),
                reader.Required<string>("requirements_en")),
            AddBasis,
            (connection, transaction, version, now, before, ct) =>
                InsertBasisChangeAsync(connection, transaction, subcategoryCode, version, now, changedBy, note, before, text, ct),
            cancellationToken);

    /// <summary>The current sub-category <paramref name="subcategoryCode"/> with its category, or null if there is none.</summary>
    public async Task<BasisSubcategory?> FindBasisSubcategoryAsync(string subcategoryCode, CancellationToken cancellationToken) =>
        (await ReadBasisSubcategoriesAsync("BasisSubcategory", subcategoryCode, cancellationToken)).SingleOrDefault();

    /// <summary>
    /// The current rental-hazard sub-categories without a basis (a notice cannot be issued for
    /// their cases yet), in the taxonomy's order.
    /// </summary>
    public async Task<IReadOnlyList<BasisSubcategory>> ListMissingBasesAsync(CancellationToken cancellationToken) =>
        await ReadBasisSubcategoriesAsync("ListMissingBases", null, cancellationToken);

    private async Task<IReadOnlyList<BasisSubcategory>> ReadBasisSubcategoriesAsync(string query, string? code, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql(query));
        if (code is not null)
        {
            command.Parameters.AddWithValue("code", code);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<BasisSubcategory>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new BasisSubcategory(
                reader.Required<string>("subcategory_code"),
                reader.Required<string>("subcategory_zh"),
                reader.Required<string>("subcategory_en"),
                reader.Required<string>("category_code"),
                reader.Required<string>("category_zh"),
                reader.Required<string>("category_en"),
                reader.Required<bool>("rental_hazard")));
        }

        return list;
    }

    /// <summary>
    /// Adds the basis of a current rental-hazard sub-category that has none (version 1) and records
    /// the addition (no old texts), in one transaction. <see cref="ReferenceEditOutcome.Exists"/>
    /// when it has one; <see cref="ReferenceEditOutcome.NotFound"/> when the code is not (or no
    /// longer) such a sub-category. The caller validated the texts.
    /// </summary>
    public async Task<ReferenceEditResult> AddBasisAsync(
        string subcategoryCode, RectificationBasisText text, string changedBy, string? note, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Sql("InsertBasis"), connection, transaction))
        {
            var p = command.Parameters;
            p.AddWithValue("code", subcategoryCode);
            AddBasis(p, "", text);
            p.AddWithValue("changed_by", changedBy);
            p.AddInstant("changed_at", now);
            if (await command.ExecuteScalarAsync(cancellationToken) is not int)
            {
                var existing = await GetBasisAsync(subcategoryCode, cancellationToken);
                return existing is null ? new(ReferenceEditOutcome.NotFound, null) : new(ReferenceEditOutcome.Exists, existing.Version);
            }
        }

        await InsertBasisChangeAsync(connection, transaction, subcategoryCode, 1, now, changedBy, note, null, text, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(ReferenceEditOutcome.Saved, 1);
    }

    private static async Task InsertBasisChangeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string subcategoryCode, int version, DateTimeOffset now, string changedBy,
        string? note, RectificationBasisText? before, RectificationBasisText after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql("InsertBasisChange"), connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("code", subcategoryCode);
        p.AddWithValue("version", version);
        p.AddInstant("changed_at", now);
        p.AddWithValue("changed_by", changedBy);
        p.AddText("note", note);
        p.AddText("old_basis_zh", before?.BasisZh);
        p.AddText("old_basis_en", before?.BasisEn);
        p.AddText("old_requirements_zh", before?.RequirementsZh);
        p.AddText("old_requirements_en", before?.RequirementsEn);
        AddBasis(p, "", after);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddBasis(NpgsqlParameterCollection p, string prefix, RectificationBasisText text)
    {
        p.AddWithValue(prefix + "basis_zh", text.BasisZh);
        p.AddWithValue(prefix + "basis_en", text.BasisEn);
        p.AddWithValue(prefix + "requirements_zh", text.RequirementsZh);
        p.AddWithValue(prefix + "requirements_en", text.RequirementsEn);
    }

    public async Task<IReadOnlyList<StreetOffice>> ListStreetOfficesAsync(CancellationToken cancellationToken) =>
        await ReadOfficesAsync(null, cancellationToken);

    public async Task<StreetOffice?> GetStreetOfficeAsync(string streetCode, CancellationToken cancellationToken) =>
        (await ReadOfficesAsync(streetCode, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<StreetOffice>> ReadOfficesAsync(string? code, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListStreetOffices"));
        command.Parameters.AddText("code", code);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<StreetOffice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new StreetOffice(
                reader.Required<string>("street_code"),
                new StreetOfficeText(reader.Required<string>("name_zh"), reader.Required<string>("name_en"), reader.Required<string>("short_zh")),
                reader.Required<int>("version"),
                reader.Required<string>("changed_by"),
                reader.Required<DateTimeOffset>("changed_at")));
        }

        return list;
    }

    /// <summary>The edits of one office, newest first (its addition last, if it was added in the console).</summary>
    public async Task<IReadOnlyList<StreetOfficeChange>> ListStreetOfficeChangesAsync(string streetCode, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListStreetOfficeChanges"));
        command.Parameters.AddWithValue("code", streetCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<StreetOfficeChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var oldZh = reader.NullableString("old_name_zh");
            list.Add(new StreetOfficeChange(
                reader.Required<long>("id"),
                reader.Required<string>("street_code"),
                reader.Required<int>("version"),
                reader.Required<DateTimeOffset>("changed_at"),
                reader.Required<string>("changed_by"),
                reader.NullableString("note"),
                oldZh is null
                    ? null
                    : new StreetOfficeText(oldZh, reader.Required<string>("old_name_en"), reader.Required<string>("old_short_zh")),
                new StreetOfficeText(reader.Required<string>("name_zh"), reader.Required<string>("name_en"), reader.Required<string>("short_zh"))));
        }

        return list;
    }

    /// <summary>Adds the office of a street that has none (version 1), recording the addition.</summary>
    public async Task<ReferenceEditResult> AddStreetOfficeAsync(
        string streetCode, StreetOfficeText text, string changedBy, string? note, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Sql("InsertStreetOffice"), connection, transaction))
        {
            var p = command.Parameters;
            p.AddWithValue("code", streetCode);
            AddOffice(p, "", text);
            p.AddWithValue("changed_by", changedBy);
            p.AddInstant("changed_at", now);
            if (await command.ExecuteScalarAsync(cancellationToken) is not int)
            {
                return new(ReferenceEditOutcome.Exists, (await GetStreetOfficeAsync(streetCode, cancellationToken))?.Version);
            }
        }

        await InsertOfficeChangeAsync(connection, transaction, streetCode, 1, now, changedBy, note, null, text, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(ReferenceEditOutcome.Saved, 1);
    }

    /// <summary>Replaces an office's texts if <paramref name="expectedVersion"/> is still current, recording the edit.</summary>
    public Task<ReferenceEditResult> UpdateStreetOfficeAsync(
        string streetCode, StreetOfficeText text, int expectedVersion, string changedBy, string? note, CancellationToken cancellationToken) =>
        ReviseAsync(
            "LockStreetOffice", "UpdateStreetOffice", streetCode, text, expectedVersion, changedBy,
            reader => new StreetOfficeText(reader.Required<string>("name_zh"), reader.Required<string>("name_en"), reader.Required<string>("short_zh")),
            AddOffice,
            (connection, transaction, version, now, before, ct) =>
                InsertOfficeChangeAsync(connection, transaction, streetCode, version, now, changedBy, note, before, text, ct),
            cancellationToken);

    /// <summary>
    /// One versioned edit of a reference row: lock it, check the version, refuse an edit that
    /// changes nothing, then write the row and its history entry, all in one transaction.
    /// </summary>
    private async Task<ReferenceEditResult> ReviseAsync<TText>(
        string lockQuery, string updateQuery, string code, TText text, int expectedVersion, string changedBy,
        Func<NpgsqlDataReader, TText> read, Action<NpgsqlParameterCollection, string, TText> addText,
        Func<NpgsqlConnection, NpgsqlTransaction, int, DateTimeOffset, TText, CancellationToken, Task> recordChange,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        TText before;
        int current;
        await using (var command = new NpgsqlCommand(Sql(lockQuery), connection, transaction))
        {
            command.Parameters.AddWithValue("code", code);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new(ReferenceEditOutcome.NotFound, null);
            }

            before = read(reader);
            current = reader.Required<int>("version");
        }

        if (current != expectedVersion)
        {
            return new(ReferenceEditOutcome.Stale, current);
        }

        if (EqualityComparer<TText>.Default.Equals(before, text))
        {
            return new(ReferenceEditOutcome.Unchanged, current);
        }

        var now = time.GetUtcNow();
        var version = current + 1;
        await using (var command = new NpgsqlCommand(Sql(updateQuery), connection, transaction))
        {
            var p = command.Parameters;
            p.AddWithValue("code", code);
            addText(p, "", text);
            p.AddWithValue("version", version);
            p.AddWithValue("changed_by", changedBy);
            p.AddInstant("changed_at", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await recordChange(connection, transaction, version, now, before, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(ReferenceEditOutcome.Saved, version);
    }

    private static async Task InsertOfficeChangeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string streetCode, int version, DateTimeOffset now, string changedBy,
        string? note, StreetOfficeText? before, StreetOfficeText after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql("InsertStreetOfficeChange"), connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("code", streetCode);
        p.AddWithValue("version", version);
        p.AddInstant("changed_at", now);
        p.AddWithValue("changed_by", changedBy);
        p.AddText("note", note);
        p.AddText("old_name_zh", before?.NameZh);
        p.AddText("old_name_en", before?.NameEn);
        p.AddText("old_short_zh", before?.ShortZh);
        AddOffice(p, "", after);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddOffice(NpgsqlParameterCollection p, string prefix, StreetOfficeText text)
    {
        p.AddWithValue(prefix + "name_zh", text.NameZh);
        p.AddWithValue(prefix + "name_en", text.NameEn);
        p.AddWithValue(prefix + "short_zh", text.ShortZh);
    }
}
