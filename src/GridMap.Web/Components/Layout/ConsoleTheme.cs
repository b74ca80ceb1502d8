using MudBlazor;

namespace GridMap.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme for the console: the navy and amber of the command-centre look
/// (wwwroot/css/app.css) and a font stack that has Chinese glyphs on every platform.
/// </summary>
public static class ConsoleTheme
{
    // A new array each time: MudBlazor keeps the array it is given.
    private static string[] FontStack => ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"];

    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d3350",
            Secondary = "#f08c00",
            Tertiary = "#14233a",
            AppbarBackground = "#14233a",
            AppbarText = "#e8eef5",
            Background = "#f5f6f8",
            Surface = "#ffffff",
            TextPrimary = "#1f2933",
            TextSecondary = "#6b7785",
            LinesDefault = "#dfe3e8",
            TableLines = "#dfe3e8",
            Divider = "#dfe3e8",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack, FontSize = "0.875rem" },
            Button = new ButtonTypography { FontFamily = FontStack, TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { AppbarHeight = "48px", DefaultBorderRadius = "4px" },
    };
}
