namespace GridMap.Domain.Cases;

/// <summary>
/// What a case photo may be. The type is read from the file's first bytes, never from the name
/// or the declared content type, so a renamed document is refused as "not an image".
/// </summary>
public static class CasePhotos
{
    /// <summary>5 MiB: a phone photo at normal quality; larger files are refused, not shrunk.</summary>
    public const int DefaultMaxBytes = 5 * 1024 * 1024;

    public static IReadOnlyList<string> AllowedTypes { get; } = ["image/jpeg", "image/png", "image/webp"];

    /// <summary>The image type of <paramref name="bytes"/>, or null when it is none of the allowed ones.</summary>
    public static string? SniffType(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }

    /// <summary>Why <paramref name="bytes"/> is not an acceptable photo, or null (and its type) when it is.</summary>
    public static string? Validate(ReadOnlySpan<byte> bytes, int maxBytes, out string? type)
    {
        type = null;
        if (bytes.Length == 0)
        {
            return "the photo is empty";
        }

        if (bytes.Length > maxBytes)
        {
            return $"the photo has {bytes.Length:N0} bytes; at most {maxBytes:N0} are accepted";
        }

        type = SniffType(bytes);
        return type is null ? "the file is not a JPEG, PNG or WebP image" : null;
    }
}
