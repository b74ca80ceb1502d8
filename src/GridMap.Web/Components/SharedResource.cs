namespace GridMap.Web;

/// <summary>
/// Marker type for the console's strings: <c>IStringLocalizer&lt;SharedResource&gt;</c> reads
/// Resources/SharedResource.resx (Simplified Chinese, the neutral language) and
/// Resources/SharedResource.en.resx. It lives in the root namespace and outside Resources/ on
/// purpose: a .cs file next to a .resx of the same name would rename the embedded resource after
/// the class, and the localizer factory would then no longer find it under "Resources.".
/// </summary>
public sealed class SharedResource
{
    private SharedResource()
    {
    }
}
