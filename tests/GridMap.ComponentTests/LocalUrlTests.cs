using GridMap.Web.Components;

namespace GridMap.ComponentTests;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/?z=15.00&lat=23.100000&lon=113.200000&sel=grid:44011400100101")]
    [InlineData("/signin?returnUrl=%2F")]
    public void Accepts_paths_on_this_site(string url) => Assert.True(LocalUrl.IsLocal(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("relative/path")]
    [InlineData("/\r\nSet-Cookie: x=1")]
    public void Rejects_anything_else(string? url)
    {
        Assert.False(LocalUrl.IsLocal(url));
        Assert.Equal("/", LocalUrl.OrRoot(url));
    }
}
