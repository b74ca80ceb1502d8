using System.Globalization;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Web;
using GridMap.Web.Cases;
using GridMap.Web.Worklist;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace GridMap.ComponentTests;

/// <summary>
/// The one remaining-time text of the console and the phone, and the field errors' messages, in
/// both languages from the real resources.
/// </summary>
public sealed class RemainingTimeTextTests
{
    private static IStringLocalizer<SharedResource> Localizer(string culture)
    {
        // The culture flows with the test's execution context, so parallel tests do not interfere.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources")
            .BuildServiceProvider().GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    [Theory]
    [InlineData("zh-CN", 70 * 60, TimeLimitUnit.WorkingHours, "剩余 70 小时 0 分（工作时间）")]
    [InlineData("zh-CN", 70 * 60, TimeLimitUnit.WorkingDays, "剩余 70 小时 0 分（工作时间）")]
    [InlineData("zh-CN", 26 * 60 + 5, TimeLimitUnit.EmergencyHours, "剩余 26 小时 5 分（连续计时）")]
    [InlineData("zh-CN", 45, TimeLimitUnit.WorkingHours, "剩余 45 分钟（工作时间）")]
    [InlineData("zh-CN", -90, TimeLimitUnit.WorkingHours, "超时 1 小时 30 分（工作时间）")]
    [InlineData("en", 70 * 60, TimeLimitUnit.WorkingHours, "70 h 0 min left (working time)")]
    [InlineData("en", 26 * 60 + 5, TimeLimitUnit.EmergencyHours, "26 h 5 min left (continuous clock)")]
    [InlineData("en", 45, TimeLimitUnit.WorkingDays, "45 min left (working time)")]
    [InlineData("en", -90, TimeLimitUnit.EmergencyHours, "overdue by 1 h 30 min (continuous clock)")]
    public void Working_time_stays_in_working_hours_and_says_so(string culture, int minutes, TimeLimitUnit unit, string expected)
    {
        var localizer = Localizer(culture);

        Assert.Equal(expected, CaseTimes.RemainingText(TimeSpan.FromMinutes(minutes), unit, localizer));
    }

    [Fact]
    public void Field_errors_read_in_the_users_language_with_the_fields_name()
    {
        var errors = CaseRules.ValidateReport(lat: 95, lon: null, category: null, description: new string('长', 2001));

        var zh = new FieldErrorText(Localizer("zh-CN")).ByField(errors);
        Assert.Equal(["纬度应在 -90 到 90 之间（收到 95）"], zh["lat"]);
        Assert.Equal(["请填写经度"], zh["lon"]);
        Assert.Equal(["请填写事件类型"], zh["category"]);
        Assert.Equal(["情况描述最多 2000 字，现有 2001 字"], zh["description"]);

        var en = new FieldErrorText(Localizer("en")).ByField(errors);
        Assert.Equal(["lat must be between -90 and 90 (got 95)"], en["lat"]);
        Assert.Equal(["lon is required"], en["lon"]);
        Assert.Equal(["category is required"], en["category"]);
        Assert.Equal(["description has 2001 characters; at most 2000"], en["description"]);
    }

    [Fact]
    public void Every_field_error_code_has_a_message_in_both_languages()
    {
        var codes = typeof(FieldErrorCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var localizer = Localizer(culture);
            Assert.All(codes, code => Assert.False(localizer[$"Validation_{code}"].ResourceNotFound, $"{culture}: Validation_{code}"));
        }
    }
}
