using System.Text.Json;

namespace GridMap.Domain.Patrol;

/// <summary>One item of a batch: its position, or why it could not be read.</summary>
public readonly record struct BatchItem(int Index, PositionReport? Report, PositionRejection? Rejection);

/// <summary>
/// A parsed batch: its items, or (when the body as a whole is unusable) the field at fault and
/// why. A bad item never fails the batch; it is rejected on its own.
/// </summary>
public sealed record PositionBatch(IReadOnlyList<BatchItem> Items, string? ErrorField = null, string? Error = null)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// The batch API's body:
/// <code>
/// {"positions":[{"deviceId":"gm-00017","time":"2026-05-01T08:00:00Z","lat":23.12,"lon":114.41,
///                "speed":1.4,"heading":90,"altitude":20,"accuracy":5,"battery":85}]}
/// </code>
/// <c>time</c> is ISO-8601 (or <c>yyyy-MM-dd HH:mm:ss</c> UTC, or Unix seconds/milliseconds as a
/// number); speed in m/s, heading in degrees, altitude and accuracy in metres, battery in percent.
/// <c>deviceId</c> may be left out: the token's device is meant.
/// </summary>
public static class PositionBatchParser
{
    public static PositionBatch Parse(ReadOnlyMemory<byte> utf8Json, int maxItems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return new PositionBatch([], "body", $"the body is not JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new PositionBatch([], "body", $"the body must be a JSON object with a positions array (got {JsonValues.Describe(root)})");
            }

            if (!root.TryGetProperty("positions", out var positions) || positions.ValueKind != JsonValueKind.Array)
            {
                return new PositionBatch([], "positions", "positions must be an array of positions");
            }

            var count = positions.GetArrayLength();
            if (count > maxItems)
            {
                return new PositionBatch([], "positions", $"at most {maxItems} positions per request (got {count}); split the batch");
            }

            var items = new List<BatchItem>(count);
            var index = 0;
            foreach (var element in positions.EnumerateArray())
            {
                items.Add(ReadItem(index++, element));
            }

            return new PositionBatch(items);
        }
    }

    private static BatchItem ReadItem(int index, JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return Malformed(index, $"the item must be an object (got {JsonValues.Describe(item)})");
        }

        string? deviceId = null;
        if (item.TryGetProperty("deviceId", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            deviceId = JsonValues.AsIdText(idElement);
            if (DeviceIds.Validate(deviceId) is { } idError)
            {
                return Malformed(index, $"deviceId: {idError}");
            }
        }

        if (!item.TryGetProperty("time", out var timeElement) || timeElement.ValueKind == JsonValueKind.Null)
        {
            return Malformed(index, "time is missing");
        }

        if (!JsonValues.TryTime(timeElement, "time", out var time, out var error)
            || !JsonValues.TryRequiredNumber(item, "lat", out var lat, out error)
            || !JsonValues.TryRequiredNumber(item, "lon", out var lon, out error)
            || !JsonValues.TryOptionalNumber(item, "speed", out var speed, out error)
            || !JsonValues.TryOptionalNumber(item, "heading", out var heading, out error)
            || !JsonValues.TryOptionalNumber(item, "altitude", out var altitude, out error)
            || !JsonValues.TryOptionalNumber(item, "accuracy", out var accuracy, out error)
            || !JsonValues.TryOptionalNumber(item, "battery", out var battery, out error))
        {
            return Malformed(index, error!);
        }

        return new BatchItem(index, new PositionReport(deviceId, time, lat, lon, speed, heading, altitude, accuracy, battery), null);
    }

    private static BatchItem Malformed(int index, string reason) => new(index, null, PositionRejection.Malformed(reason));
}
