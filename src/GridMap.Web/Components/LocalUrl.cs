namespace GridMap.Web.Components;

/// <summary>
/// Guards redirects after sign-in and language switches: only a path on this site is followed,
/// so that a crafted link cannot bounce a user to a foreign site (open redirect).
/// </summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        // "//host" and "/\host" are protocol-relative URLs to another site in browsers.
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }

        return !url.Any(char.IsControl);
    }

    public static string OrRoot(string? url) => IsLocal(url) ? url! : "/";
}
