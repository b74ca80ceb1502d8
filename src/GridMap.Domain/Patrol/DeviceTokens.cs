using System.Security.Cryptography;
using System.Text;

namespace GridMap.Domain.Patrol;

/// <summary>
/// Device tokens are opaque strings shown once; only their SHA-256 is stored. A token issued by
/// an administrator is 32 random bytes. The demo devices' tokens are instead derived from the
/// demo password with HMAC-SHA256, so `./gridmap devices` can print them again at any time; they
/// are exactly as secret as the demo password, and registering a demo device again replaces its
/// token with a random one.
/// </summary>
public static class DeviceTokens
{
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The token of a demo device: HMAC-SHA256(key from the demo password, device id).</summary>
    public static string DeriveDemo(string demoPassword, string deviceId)
    {
        var key = Encoding.UTF8.GetBytes("gridmap-demo-device-token:" + demoPassword);
        return Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(deviceId)));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
