using GridMap.Domain.Patrol;

namespace GridMap.UnitTests.Patrol;

public sealed class DeviceIdsAndTokensTests
{
    [Theory]
    [InlineData("317046")]
    [InlineData("gm-00017")]
    [InlineData("Phone_A-1")]
    [InlineData("8f14e45f-ceea-467f-a1f3-1b0a6d5c3e11")]
    public void Ids_phone_apps_use_are_valid(string id)
    {
        Assert.Null(DeviceIds.Validate(id));
        Assert.True(DeviceIds.IsValid(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("网格员")]
    [InlineData("a/b")]
    [InlineData("a.b")]
    public void Other_ids_are_not(string id)
    {
        Assert.NotNull(DeviceIds.Validate(id));
        Assert.False(DeviceIds.IsValid(id));
    }

    [Fact]
    public void Sixty_four_characters_is_the_limit()
    {
        Assert.True(DeviceIds.IsValid(new string('a', 64)));
        Assert.False(DeviceIds.IsValid(new string('a', 65)));
    }

    [Fact]
    public void Random_tokens_differ_and_hash_to_32_bytes()
    {
        var a = DeviceTokens.NewToken();
        var b = DeviceTokens.NewToken();

        Assert.NotEqual(a, b);
        Assert.Equal(43, a.Length);
        Assert.Equal(32, DeviceTokens.Hash(a).Length);
        Assert.Equal(DeviceTokens.Hash(a), DeviceTokens.Hash(a));
    }

    [Fact]
    public void Demo_tokens_follow_from_the_password_and_the_device()
    {
        Assert.Equal(DeviceTokens.DeriveDemo("pw", "gm-00001"), DeviceTokens.DeriveDemo("pw", "gm-00001"));
        Assert.NotEqual(DeviceTokens.DeriveDemo("pw", "gm-00001"), DeviceTokens.DeriveDemo("pw", "gm-00002"));
        Assert.NotEqual(DeviceTokens.DeriveDemo("pw", "gm-00001"), DeviceTokens.DeriveDemo("other", "gm-00001"));
    }
}
