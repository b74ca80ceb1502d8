using GridMap.Domain.People;

namespace GridMap.UnitTests.People;

public sealed class IdNumberTests
{
    [Theory]
    // Published GB 11643 examples with known check characters.
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")]
    public void Known_numbers_are_valid(string value)
    {
        Assert.True(IdNumber.IsValid(value));
    }

    [Fact]
    public void A_changed_digit_fails_the_check()
    {
        Assert.False(IdNumber.IsValid("440524188001010015"));
        Assert.False(IdNumber.IsValid("44052418800101001"));
        Assert.False(IdNumber.IsValid("4405241880010100A4"));
        Assert.False(IdNumber.IsValid(null));
    }

    [Fact]
    public void Composed_numbers_are_valid()
    {
        var value = IdNumber.Compose("430521", new DateOnly(1990, 7, 15), 123);

        Assert.StartsWith("43052119900715123", value);
        Assert.True(IdNumber.IsValid(value));
    }

    [Fact]
    public void Masking_keeps_only_the_division_and_the_last_two_characters()
    {
        Assert.Equal("110105**********2X", IdNumber.Mask("11010519491231002X"));
    }
}
