using GridMap.Data.Cases;
using GridMap.Domain.Access;
using Npgsql;

namespace GridMap.Data.Departments;

/// <summary>A department notification (outbox row) as the API shows it.</summary>
public sealed record DepartmentNotification(
    long Id,
    long EventId,
    long CaseId,
    string CaseNumber,
    string GridCode,
    string DepartmentCode,
    string Action,
    string PayloadJson,
    DateTimeOffset CreatedAt,
    string Status,
    string? TargetUrl,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset? DeliveredAt);

/// <summary>A delivery this instance claimed: where to post what, and how many attempts came before.</summary>
public sealed record ClaimedDelivery(long Id, string DepartmentCode, string TargetUrl, string PayloadJson, int Attempts);

/// <summary>A notification in the delivery view: the row, and how often (last: by whom, when) it was retried.</summary>
public sealed record DepartmentDelivery(DepartmentNotification Notification, int Retries, string? LastRetriedBy, DateTimeOffset? LastRetriedAt);

/// <summary>One page of the delivery view and how many rows the filter matches in all.</summary>
public sealed record DepartmentDeliveryPage(IReadOnlyList<DepartmentDelivery> Items, long Total);

/// <summary>The statuses of <c>department_notification.status</c>.</summary>
public static class DepartmentNotificationStatus
{
    public const string Recorded = "recorded";
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Recorded, Pending, Delivered, Failed];
}

/// <summary>What a retry did: Retried (pending, or recorded when the department now reads its inbox), or why not.</summary>
public enum RetryOutcome
{
    Retried,
    NotFound,
    NotFailed,
}

/// <summary>The outcome of a retry, with the row's status after it (or its unchanged status when refused).</summary>
public sealed record RetryResult(RetryOutcome Outcome, string? Status, string? TargetUrl);

/// <summary>What one collecting pass wrote.</summary>
public sealed record CollectResult(int Inserted, long? Watermark);

/// <summary>
/// The department outbox. Rows are derived from <c>case_event</c> (dispatch, reassign) by
/// <see cref="CollectAsync"/>, never written by the case workflow, so the case repository stays
/// as it is; the unique (event, department) key and a transaction-level advisory lock make
/// concurrent or repeated passes write each notification once.
/// </summary>
public sealed class DepartmentNotificationRepository(NpgsqlDataSource dataSource, TimeProvider time)
{
    // Any constant shared by all instances; only this pass takes it.
    private const long CollectLockKey = 0x4744_4550_4E4F_5446; // "GDEPNOTF"

    private static string Sql(string name) => NamedQueries.Get("Departments", name);

    /// <summary>Turns new dispatch/reassign events into notifications, one per event and department.</summary>
    public async Task<CollectResult> CollectAsync(string baseUrl, int overlap, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", CollectLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        CollectResult result;
        await using (var command = new NpgsqlCommand(Sql("CollectNotifications"), connection, transaction))
        {
            var p = command.Parameters;
            p.AddWithValue("overlap", (long)Math.Max(0, overlap));
            p.AddWithValue("base_url", baseUrl.TrimEnd('/'));
            p.AddInstant("now", time.GetUtcNow());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            result = new CollectResult((int)reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Claims up to <paramref name="limit"/> due deliveries for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(Sql("ClaimDeliveries"));
        command.Parameters.AddInstant("now", now);
        command.Parameters.AddInstant("lease_until", now + lease);
        command.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 500));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedDelivery(
                reader.Required<long>("id"),
                reader.Required<string>("department_code"),
                reader.Required<string>("target_url"),
                reader.Required<string>("payload"),
                reader.Required<int>("attempts")));
        }

        return claimed;
    }

    /// <summary>Records one attempt: delivered, or failed with the error and the time of the next try (or failed for good).</summary>
    public async Task RecordAttemptAsync(long id, bool delivered, string? error, DateTimeOffset retryAt, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("RecordAttempt"));
        var p = command.Parameters;
        p.AddWithValue("id", id);
        p.AddWithValue("ok", delivered);
        p.AddText("error", error is { Length: > 1000 } ? error[..1000] : error);
        p.AddInstant("retry_at", retryAt);
        p.AddInstant("now", time.GetUtcNow());
        p.AddWithValue("max_attempts", Math.Max(1, maxAttempts));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DepartmentExistsAsync(string code, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("DepartmentExists"));
        command.Parameters.AddWithValue("code", code);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Where each department with a webhook takes notifications (the others read their inbox).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListNotifyUrlsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListNotifyUrls"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            urls[reader.GetString(0)] = reader.GetString(1);
        }

        return urls;
    }

    /// <summary>
    /// One page (1-based) of notifications newest first, optionally of one department and one
    /// status, with the total the filter matches.
    /// </summary>
    public async Task<DepartmentDeliveryPage> PageAsync(
        GridScope scope, string? department, string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand(Sql("CountNotifications"), connection))
        {
            count.Parameters.AddText("department", department);
            count.Parameters.AddText("status", status);
            count.Parameters.AddScope(scope);
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var size = Math.Clamp(pageSize, 1, 500);
        await using var command = new NpgsqlCommand(Sql("PageNotifications"), connection);
        var p = command.Parameters;
        p.AddText("department", department);
        p.AddText("status", status);
        p.AddScope(scope);
        p.AddWithValue("limit", size);
        p.AddWithValue("offset", (long)(Math.Max(1, page) - 1) * size);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<DepartmentDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new DepartmentDelivery(
                Read(reader), reader.Required<int>("retries"), reader.NullableString("last_retried_by"), reader.Instant("last_retried_at")));
        }

        return new DepartmentDeliveryPage(items, total);
    }

    /// <summary>
    /// Puts a failed notification back to pending (to the department's current URL, with a fresh
    /// round of attempts) and logs who did it, in one statement; refused unless it is failed.
    /// </summary>
    public async Task<RetryResult> RetryAsync(GridScope scope, long id, string retriedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Sql("RetryNotification"), connection))
        {
            var p = command.Parameters;
            p.AddWithValue("id", id);
            p.AddWithValue("retried_by", retriedBy);
            p.AddInstant("now", time.GetUtcNow());
            p.AddScope(scope);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return new RetryResult(RetryOutcome.Retried, reader.Required<string>("status"), reader.NullableString("target_url"));
            }
        }

        await using var status = new NpgsqlCommand(Sql("NotificationStatus"), connection);
        status.Parameters.AddWithValue("id", id);
        status.Parameters.AddScope(scope);
        return await status.ExecuteScalarAsync(cancellationToken) is string current
            ? new RetryResult(RetryOutcome.NotFailed, current, null)
            : new RetryResult(RetryOutcome.NotFound, null, null);
    }

    public Task<IReadOnlyList<DepartmentNotification>> ListForDepartmentAsync(GridScope scope, string department, int limit, CancellationToken cancellationToken) =>
        ListAsync(scope, department, null, limit, cancellationToken);

    public Task<IReadOnlyList<DepartmentNotification>> ListForCaseAsync(GridScope scope, long caseId, CancellationToken cancellationToken) =>
        ListAsync(scope, null, caseId, 500, cancellationToken);

    private async Task<IReadOnlyList<DepartmentNotification>> ListAsync(
        GridScope scope, string? department, long? caseId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListNotifications"));
        var p = command.Parameters;
        p.AddText("department", department);
        p.AddNullable("case", caseId);
        p.AddScope(scope);
        p.AddWithValue("limit", Math.Clamp(limit, 1, 500));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<DepartmentNotification>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static DepartmentNotification Read(NpgsqlDataReader reader) => new(
        reader.Required<long>("id"),
        reader.Required<long>("event_id"),
        reader.Required<long>("case_id"),
        reader.Required<string>("case_number"),
        reader.Required<string>("grid_code"),
        reader.Required<string>("department_code"),
        reader.Required<string>("action"),
        reader.Required<string>("payload"),
        reader.Required<DateTimeOffset>("created_at"),
        reader.Required<string>("status"),
        reader.NullableString("target_url"),
        reader.Required<int>("attempts"),
        reader.Instant("next_attempt_at"),
        reader.NullableString("last_error"),
        reader.Instant("delivered_at"));
}
