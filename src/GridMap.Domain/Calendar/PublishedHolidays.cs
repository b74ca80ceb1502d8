namespace GridMap.Domain.Calendar;

/// <summary>
/// The State Council's published holiday arrangements (国务院办公厅关于部分节假日安排的通知), as
/// code so that tests and a fresh database agree; migration 0006 seeds the same rows into
/// calendar_day, and an integration test checks that they match. Later years are added as data
/// when they are published (each November for the following year).
/// </summary>
public static class PublishedHolidays
{
    /// <summary>
    /// 2026, published 4 November 2025 (Xinhua): New Year 1-3 Jan, work Sun 4 Jan; Spring Festival
    /// 15-23 Feb, work Sat 14 Feb and Sat 28 Feb; Qingming 4-6 Apr; Labour Day 1-5 May, work Sat
    /// 9 May; Dragon Boat 19-21 Jun; Mid-Autumn 25-27 Sep; National Day 1-7 Oct, work Sun 20 Sep
    /// and Sat 10 Oct.
    /// </summary>
    public static IReadOnlyList<CalendarDay> Year2026 { get; } =
    [
        .. Off(2026, 1, 1, 3, "元旦", "New Year's Day"),
        On(2026, 1, 4, "元旦", "New Year's Day"),
        On(2026, 2, 14, "春节", "Spring Festival"),
        .. Off(2026, 2, 15, 23, "春节", "Spring Festival"),
        On(2026, 2, 28, "春节", "Spring Festival"),
        .. Off(2026, 4, 4, 6, "清明节", "Qingming Festival"),
        .. Off(2026, 5, 1, 5, "劳动节", "Labour Day"),
        On(2026, 5, 9, "劳动节", "Labour Day"),
        .. Off(2026, 6, 19, 21, "端午节", "Dragon Boat Festival"),
        On(2026, 9, 20, "国庆节", "National Day"),
        .. Off(2026, 9, 25, 27, "中秋节", "Mid-Autumn Festival"),
        .. Off(2026, 10, 1, 7, "国庆节", "National Day"),
        On(2026, 10, 10, "国庆节", "National Day"),
    ];

    /// <summary>Every year whose arrangement is known here.</summary>
    public static IReadOnlyList<CalendarDay> All { get; } = [.. Year2026];

    public static IReadOnlyList<int> Years { get; } = [2026];

    private static IEnumerable<CalendarDay> Off(int year, int month, int firstDay, int lastDay, string zh, string en)
    {
        for (var day = firstDay; day <= lastDay; day++)
        {
            yield return new CalendarDay(new DateOnly(year, month, day), CalendarDayKind.Holiday, zh, en);
        }
    }

    private static CalendarDay On(int year, int month, int day, string zh, string en) =>
        new(new DateOnly(year, month, day), CalendarDayKind.WorkingDay, zh, en);
}
