using System.Net.Http.Headers;
using System.Text;
using GridMap.Data.Departments;
using GridMap.Web.Services;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Departments;

/// <summary>The department notifier (section "Departments:Notifier").</summary>
public sealed class DepartmentNotifierOptions
{
    public const string SectionName = "Departments:Notifier";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The console's public address, for the link in the payload.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Event ids read again below the watermark (ids are taken at insert, not at commit).</summary>
    public int Overlap { get; set; } = 1000;

    /// <summary>Attempts per notification before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed delivery stays with this instance before another may retry it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 50;
}

/// <summary>What one pass did.</summary>
public sealed record NotifierPassResult(int Recorded, int Delivered, int Failed);

/// <summary>
/// Notifies responsible departments (函告) when a case is dispatched or reassigned, without the
/// case workflow knowing: each pass turns new dispatch/reassign events into outbox rows (one per
/// event and department, exactly once whatever runs concurrently), then posts the due ones to the
/// departments' webhooks with retries and exponential backoff. Departments without a webhook keep
/// "recorded" rows for their inbox.
/// </summary>
public sealed class DepartmentNotifier(
    DepartmentNotificationRepository outbox,
    IHttpClientFactory clients,
    IOptions<DepartmentNotifierOptions> options,
    TimeProvider time,
    ILogger<DepartmentNotifier> logger) : BackgroundService
{
    public const string HttpClientName = "departments";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPass.RunAsync("Department notifier", options.Value.Enabled, options.Value.Interval, time, RunOnceAsync, logger, stoppingToken);

    public async Task<NotifierPassResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var collected = await CollectAsync(cancellationToken);
        var (delivered, failed) = await DeliverAsync(cancellationToken);
        return new NotifierPassResult(collected, delivered, failed);
    }

    /// <summary>Writes the notifications of new events; answers how many rows were new.</summary>
    public async Task<int> CollectAsync(CancellationToken cancellationToken)
    {
        var result = await outbox.CollectAsync(options.Value.PublicBaseUrl, options.Value.Overlap, cancellationToken);
        if (result.Inserted > 0)
        {
            logger.LogInformation("{Count} department notification(s) recorded (events up to {Watermark})", result.Inserted, result.Watermark);
        }

        return result.Inserted;
    }

    /// <summary>Posts the due deliveries once each; answers how many succeeded and how many failed this time.</summary>
    public async Task<(int Delivered, int Failed)> DeliverAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.ClaimDueAsync(options.Value.BatchSize, options.Value.Lease, cancellationToken);
        int delivered = 0, failed = 0;
        var client = clients.CreateClient(HttpClientName);
        foreach (var delivery in due)
        {
            var error = await PostAsync(client, delivery, cancellationToken);
            var attempt = delivery.Attempts + 1;
            var retryAt = time.GetUtcNow() + Backoff(attempt);
            await outbox.RecordAttemptAsync(delivery.Id, error is null, error, retryAt, options.Value.MaxAttempts, cancellationToken);
            if (error is null)
            {
                delivered++;
                logger.LogInformation("Notification {Id} delivered to department {Department}", delivery.Id, delivery.DepartmentCode);
            }
            else
            {
                failed++;
                logger.LogWarning("Notification {Id} to department {Department} failed (attempt {Attempt} of {Max}): {Error}",
                    delivery.Id, delivery.DepartmentCode, attempt, options.Value.MaxAttempts, error);
            }
        }

        return (delivered, failed);
    }

    /// <summary>Base delay × 2^(attempt − 1), capped.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.Value.RetryBaseDelay.Ticks * factor, options.Value.MaxRetryDelay.Ticks));
        return delay;
    }

    private async Task<string?> PostAsync(HttpClient client, ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.TargetUrl)
            {
                Content = new StringContent(delivery.PayloadJson, Encoding.UTF8, "application/json"),
            };
            // Lets the receiver drop a repeat (a retry after a lost answer carries the same id).
            request.Headers.Add("X-GridMap-Notification", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {options.Value.RequestTimeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
    }
}
