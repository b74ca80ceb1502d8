using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Web;
using GridMap.Web.Cases;
using GridMap.Web.Statistics;

namespace GridMap.ComponentTests;

/// <summary>
/// The one translation mechanism stays complete: SharedResource.resx (zh-CN, neutral) and
/// SharedResource.en.resx have the same keys, no empty value, the same placeholders, and every
/// code the console names (states, actions, roles, severities, units, stages) has a name in both.
/// Read from the compiled resources, as the app reads them.
/// </summary>
public sealed partial class SharedResourceTests
{
    private static readonly ResourceManager Resources = new("GridMap.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    private static Dictionary<string, string> Read(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no resources for '{culture.Name}'");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
    }

    private static Dictionary<string, string> Chinese => Read(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> English => Read(new CultureInfo("en"));

    [Fact]
    public void Every_Chinese_key_has_an_English_text_and_every_English_key_a_Chinese_one()
    {
        var (zh, en) = (Chinese, English);
        Assert.True(zh.Count > 500, $"only {zh.Count} neutral resources were read");
        Assert.Empty(zh.Keys.Except(en.Keys).Order());
        Assert.Empty(en.Keys.Except(zh.Keys).Order());
    }

    [Fact]
    public void No_text_is_empty()
    {
        Assert.Empty(Chinese.Where(e => e.Value.Length == 0).Select(e => e.Key));
        Assert.Empty(English.Where(e => e.Value.Length == 0).Select(e => e.Key));
    }

    [Fact]
    public void Both_languages_use_the_same_placeholders()
    {
        var (zh, en) = (Chinese, English);
        var differ = zh.Keys.Intersect(en.Keys)
            .Where(k => !Placeholders(zh[k]).SetEquals(Placeholders(en[k])))
            .Select(k => $"{k}: '{zh[k]}' / '{en[k]}'");
        Assert.Empty(differ);
    }

    [Fact]
    public void English_texts_are_English()
    {
        // One text quotes the Chinese form printed on notices ("<code> 街道办事处");
        // everything else in English must not fall back to Chinese.
        string[] allowed = ["Admin_Rectification_AStreetWithoutAnOffice"];
        Assert.Empty(English.Where(e => Cjk().IsMatch(e.Value) && !allowed.Contains(e.Key)).Select(e => $"{e.Key}: {e.Value}"));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Every_code_the_console_names_has_a_name(string culture)
    {
        var localizer = SharedTexts.Localizer();
        var names = SharedTexts.In(culture, () => (IEnumerable<string>)
        [
            .. CaseStates.All.Select(s => Named(localizer[$"Case_State_{s.ToCode()}"])),
            .. CaseActions.All.Select(a => Named(localizer[$"Case_Action_{a.ToCode()}"])),
            .. Enum.GetValues<UserRole>().Select(r => Named(localizer[$"Role_{r.ToCode()}"])),
            .. Enum.GetValues<Severity>().Select(s => Named(localizer[$"Worklist_Severity_{s.ToCode()}"])),
            .. Enum.GetValues<TimeLimitUnit>().Select(u => Named(localizer[$"Case_Unit_{u.ToCode()}"])),
            .. Enum.GetValues<TimeLimitUnit>().Select(u => Named(localizer[$"Case_Amount_{u.ToCode()}"])),
            .. Enum.GetValues<CaseStage>().Select(s => Named(localizer[$"Worklist_Stage_{s.ToCode()}"])),
            .. StatisticsGroupings.All.Select(g => Named(localizer[$"Statistics_GroupName_{g.ToCode()}"])),
            .. IndicatorColumns.For(StatisticsGrouping.Reporter).Select(c => c.Heading(localizer)),
        ]).ToList();
        Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n)));
    }

    [Fact]
    public void A_state_has_one_name_and_no_two_states_share_it()
    {
        var localizer = SharedTexts.Localizer();
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var names = SharedTexts.In(culture, () => CaseStates.All.Select(s => localizer.StateName(s)).ToList());
            Assert.Equal(names.Count, names.Distinct().Count());
        }

        // The domain's word for a case sent to its assignee (docs/glossary.md), on every screen.
        Assert.Equal("已派遣", SharedTexts.In("zh-CN", () => localizer.StateName(CaseState.Dispatched)));
        Assert.Equal("Dispatched", SharedTexts.In("en", () => localizer.StateName(CaseState.Dispatched)));
    }

    private static string Named(Microsoft.Extensions.Localization.LocalizedString text)
    {
        Assert.False(text.ResourceNotFound, $"no resource '{text.Name}'");
        return text.Value;
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();
}
