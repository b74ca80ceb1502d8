using System.Globalization;
using GridMap.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GridMap.ComponentTests;

/// <summary>The console's real resources, read as the app reads them, in a chosen UI culture.</summary>
internal static class SharedTexts
{
    public static IStringLocalizer Localizer() =>
        new ResourceManagerStringLocalizerFactory(
                Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));

    /// <summary>Runs <paramref name="read"/> with both cultures set (the localizer looks up at call time).</summary>
    public static T In<T>(string culture, Func<T> read)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
