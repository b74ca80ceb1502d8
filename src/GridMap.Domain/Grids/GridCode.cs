using System.Diagnostics.CodeAnalysis;

namespace GridMap.Domain.Grids;

/// <summary>
/// A unit-grid code in the CJ/T 213 / CJ/T 349 practice: 6-digit county division code
/// (GB/T 2260) + 3-digit street/town + 3-digit community/village = level 1 (12 digits);
/// + 2-digit grid sequence = level 2 (14 digits); + 3-digit sequence = level 3 (17 digits).
/// A child's code always extends its parent's, which is what makes prefix scoping work.
/// </summary>
public readonly record struct GridCode : IComparable<GridCode>
{
    public const int FirstLevelLength = 12;
    public const int SecondLevelLength = 14;
    public const int ThirdLevelLength = 17;

    // GB/T 2260 province-level prefixes (mainland, Taiwan, Hong Kong, Macao).
    private static readonly HashSet<string> s_provinces =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
        "65", "71", "81", "82",
    ];

    private GridCode(string value) => Value = value;

    public string Value { get; }

    public GridLevel Level => Value.Length switch
    {
        FirstLevelLength => GridLevel.First,
        SecondLevelLength => GridLevel.Second,
        _ => GridLevel.Third,
    };

    /// <summary>The 6-digit county-level division code (GB/T 2260).</summary>
    public string CountyCode => Value[..6];

    /// <summary>The 9-digit street/town code.</summary>
    public string StreetCode => Value[..9];

    public GridCode? Parent => Level switch
    {
        GridLevel.Second => new GridCode(Value[..FirstLevelLength]),
        GridLevel.Third => new GridCode(Value[..SecondLevelLength]),
        _ => null,
    };

    /// <summary>The grid's own sequence within its parent (community number at level 1).</summary>
    public int Sequence => Level switch
    {
        GridLevel.First => int.Parse(Value.AsSpan(9, 3)),
        GridLevel.Second => int.Parse(Value.AsSpan(12, 2)),
        _ => int.Parse(Value.AsSpan(14, 3)),
    };

    public static GridCode FirstLevel(string countyCode, int street, int community)
    {
        var value = $"{countyCode}{street:000}{community:000}";
        return Parse(value);
    }

    public GridCode Child(int sequence)
    {
        return Level switch
        {
            GridLevel.First when sequence is >= 0 and <= 99 => new GridCode($"{Value}{sequence:00}"),
            GridLevel.Second when sequence is >= 1 and <= 999 => new GridCode($"{Value}{sequence:000}"),
            GridLevel.Third => throw new InvalidOperationException("A third-level grid has no children."),
            _ => throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Sequence out of range for the child level."),
        };
    }

    public bool IsAncestorOf(GridCode other) =>
        other.Value.Length > Value.Length && other.Value.StartsWith(Value, StringComparison.Ordinal);

    public bool IsSelfOrAncestorOf(GridCode other) =>
        other.Value.StartsWith(Value, StringComparison.Ordinal);

    public static GridCode Parse(string value)
    {
        if (!TryParse(value, out var code, out var error))
        {
            throw new FormatException(error);
        }

        return code;
    }

    public static bool TryParse(string? value, out GridCode code) => TryParse(value, out code, out _);

    public static bool TryParse(
        [NotNullWhen(true)] string? value,
        out GridCode code,
        [NotNullWhen(false)] out string? error)
    {
        code = default;
        error = Validate(value);
        if (error is not null)
        {
            return false;
        }

        code = new GridCode(value!);
        return true;
    }

    /// <summary>Returns why <paramref name="value"/> is not a grid code, or null when it is one.</summary>
    public static string? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "grid code is empty";
        }

        if (value.Length is not (FirstLevelLength or SecondLevelLength or ThirdLevelLength))
        {
            return $"grid code '{value}' has {value.Length} digits; expected 12 (level 1), 14 (level 2) or 17 (level 3)";
        }

        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return $"grid code '{value}' contains '{c}'; only digits are allowed";
            }
        }

        if (!s_provinces.Contains(value[..2]))
        {
            return $"grid code '{value}' starts with '{value[..6]}', which is not a GB/T 2260 county division code";
        }

        if (value.AsSpan(2, 4) is "0000")
        {
            return $"grid code '{value}' names a province ('{value[..6]}'), not a county division";
        }

        if (value.AsSpan(6, 3) is "000")
        {
            return $"grid code '{value}' has street/town number 000";
        }

        if (value.AsSpan(9, 3) is "000")
        {
            return $"grid code '{value}' has community/village number 000";
        }

        if (value.Length == ThirdLevelLength && value.AsSpan(14, 3) is "000")
        {
            return $"grid code '{value}' has third-level sequence 000";
        }

        return null;
    }

    public int CompareTo(GridCode other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}
