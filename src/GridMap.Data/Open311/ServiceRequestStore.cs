using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data.Open311;

/// <summary>What an Open311 report carried beyond the case: the key, the reporter's contact, the media URL.</summary>
public sealed record Open311RequestRecord(long ApiKeyId)
{
    public string? AddressString { get; init; }

    public string? MediaUrl { get; init; }

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Phone { get; init; }

    public string? DeviceId { get; init; }

    public string? AccountId { get; init; }

    public IReadOnlyList<long> PossibleDuplicates { get; init; } = [];
}

/// <summary>The reporter of an Open311 case as the command centre may see it (personal data).</summary>
public sealed record Open311Reporter(
    long CaseId,
    string Number,
    long ApiKeyId,
    string KeyName,
    string KeyOwner,
    string? AddressString,
    string? MediaUrl,
    string? Email,
    string? FirstName,
    string? LastName,
    string? Phone,
    string? DeviceId,
    string? AccountId,
    IReadOnlyList<string> PossibleDuplicates,
    DateTimeOffset ReceivedAt);

/// <summary>Filters of GeoReport "GET requests", already validated.</summary>
public sealed record ServiceRequestQuery
{
    /// <summary>Public case numbers; when any are given they override every other filter.</summary>
    public IReadOnlyList<string> Numbers { get; init; } = [];

    public IReadOnlyList<string> ServiceCodes { get; init; } = [];

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>Null: open and closed; true: closed (and cancelled) only; false: open only.</summary>
    public bool? Closed { get; init; }

    /// <summary>Only cases filed by this reporter ("open311:&lt;key id&gt;"); null: every case.</summary>
    public string? ReportedBy { get; init; }

    public int Limit { get; init; } = 1000;
}

/// <summary>One case as a service request shows it: no people, no contact fields.</summary>
public sealed record ServiceRequestRow(
    long CaseId,
    string Number,
    CaseState State,
    string SubcategoryCode,
    string SubcategoryNameZh,
    string SubcategoryNameEn,
    string Description,
    double Lat,
    double Lon,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? Deadline,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<string> AgenciesZh,
    IReadOnlyList<string> AgenciesEn,
    TimeLimit HandlingLimit,
    string? AddressString,
    string? MediaUrl,
    CancelReason? CancelReason,
    string? DuplicateOfNumber);

/// <summary>Open311's own rows and its read of cases as service requests.</summary>
public sealed class ServiceRequestStore(NpgsqlDataSource dataSource, CaseRepository cases)
{
    private static string Sql(string name) => NamedQueries.Get("Open311", name);

    /// <summary>
    /// Files an Open311 report as a case together with what the report carried beyond it, in one
    /// transaction: the reporter's contact is what the command centre answers to, so a case is
    /// not filed without it. Open311 callers see every grid: the district is their scope.
    /// </summary>
    public Task<CaseWriteResult> FileAsync(NewCase request, CaseActor reporter, Open311RequestRecord record, CancellationToken cancellationToken) =>
        cases.CreateAsync(
            GridScope.Everything, request, reporter, [],
            (connection, transaction, caseId, now, ct) => InsertRequestAsync(connection, transaction, caseId, record, now, ct),
            cancellationToken);

    private static async Task InsertRequestAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long caseId, Open311RequestRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql("InsertRequest"), connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("case_id", caseId);
        p.AddWithValue("api_key_id", record.ApiKeyId);
        p.AddText("address_string", record.AddressString);
        p.AddText("media_url", record.MediaUrl);
        p.AddText("email", record.Email);
        p.AddText("first_name", record.FirstName);
        p.AddText("last_name", record.LastName);
        p.AddText("phone", record.Phone);
        p.AddText("device_id", record.DeviceId);
        p.AddText("account_id", record.AccountId);
        p.Add(new NpgsqlParameter("possible_duplicates", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = record.PossibleDuplicates.ToArray() });
        p.AddInstant("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ServiceRequestRow>> ListAsync(GridScope scope, ServiceRequestQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListRequests"));
        var p = command.Parameters;
        p.AddScope(scope);
        p.AddText("reported_by", query.ReportedBy);
        p.AddTextArray("numbers", query.Numbers);
        p.AddTextArray("codes", query.ServiceCodes);
        p.AddInstant("start", query.Start);
        p.AddInstant("end", query.End);
        p.AddNullable("closed", query.Closed);
        p.AddWithValue("limit", Math.Clamp(query.Limit, 1, 1000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ServiceRequestRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var cancel = reader.NullableString("cancel_reason");
            rows.Add(new ServiceRequestRow(
                reader.Required<long>("id"),
                reader.Required<string>("number"),
                CaseStates.FromCode(reader.Required<string>("state")),
                reader.Required<string>("subcategory_code"),
                reader.Required<string>("name_zh"),
                reader.Required<string>("name_en"),
                reader.Required<string>("description"),
                reader.Required<double>("lat"),
                reader.Required<double>("lon"),
                reader.Required<DateTimeOffset>("created_at"),
                reader.Required<DateTimeOffset>("updated_at"),
                reader.Instant("deadline"),
                reader.Instant("closed_at"),
                reader.Required<string[]>("agencies_zh"),
                reader.Required<string[]>("agencies_en"),
                reader.Limit("handle"),
                reader.NullableString("address_string"),
                reader.NullableString("media_url"),
                cancel is null ? null : CaseValueCodes.CancelReasonFromCode(cancel),
                reader.NullableString("duplicate_of_number")));
        }

        return rows;
    }

    public async Task<Open311Reporter?> GetReporterAsync(GridScope scope, long caseId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("GetReporter"));
        command.Parameters.AddWithValue("case_id", caseId);
        command.Parameters.AddScope(scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Open311Reporter(
            reader.Required<long>("case_id"),
            reader.Required<string>("number"),
            reader.Required<long>("api_key_id"),
            reader.Required<string>("key_name"),
            reader.Required<string>("key_owner"),
            reader.NullableString("address_string"),
            reader.NullableString("media_url"),
            reader.NullableString("email"),
            reader.NullableString("first_name"),
            reader.NullableString("last_name"),
            reader.NullableString("phone"),
            reader.NullableString("device_id"),
            reader.NullableString("account_id"),
            reader.Required<string[]>("possible_duplicates"),
            reader.Required<DateTimeOffset>("received_at"));
    }
}
