using GitLabConnector.Hosting;

namespace GitLabConnector.Tests.Hosting;

public class CronScheduleTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private static DateTimeOffset[] Next(string expression, DateTimeOffset from, int count)
    {
        var schedule = CronSchedule.Parse(expression);
        var result = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
        {
            from = result[i] = schedule.GetNextOccurrence(from);
        }

        return result;
    }

    [Fact]
    public void Every_six_hours_fires_on_the_hour_at_0_6_12_18()
    {
        Assert.Equal(
            [Utc(2026, 3, 1, 6), Utc(2026, 3, 1, 12), Utc(2026, 3, 1, 18), Utc(2026, 3, 2, 0)],
            Next("0 0 */6 * * *", Utc(2026, 3, 1, 5, 59, 59), 4));
    }

    [Fact]
    public void Every_five_seconds_fires_strictly_after_the_given_time()
    {
        Assert.Equal(
            [Utc(2026, 3, 1, 10, 0, 5), Utc(2026, 3, 1, 10, 0, 10), Utc(2026, 3, 1, 10, 0, 15)],
            Next("*/5 * * * * *", Utc(2026, 3, 1, 10, 0, 0), 3));
    }

    [Fact]
    public void Sub_second_start_rounds_to_the_next_whole_matching_second()
    {
        var schedule = CronSchedule.Parse("*/5 * * * * *");
        Assert.Equal(Utc(2026, 3, 1, 10, 0, 5), schedule.GetNextOccurrence(Utc(2026, 3, 1, 10, 0, 0).AddMilliseconds(400)));
    }

    [Fact]
    public void Lists_ranges_and_stepped_ranges_combine()
    {
        // Minutes 0 and 30, hours 9 to 17 every 4 hours (9, 13, 17).
        Assert.Equal(
            [Utc(2026, 3, 1, 9), Utc(2026, 3, 1, 9, 30), Utc(2026, 3, 1, 13), Utc(2026, 3, 1, 13, 30), Utc(2026, 3, 1, 17), Utc(2026, 3, 1, 17, 30), Utc(2026, 3, 2, 9)],
            Next("0 0,30 9-17/4 * * *", Utc(2026, 3, 1), 7));
    }

    [Fact]
    public void Value_with_step_runs_from_the_value_to_the_end()
    {
        Assert.Equal([Utc(2026, 3, 1, 0, 0, 50), Utc(2026, 3, 1, 0, 0, 55), Utc(2026, 3, 1, 0, 1, 50)], Next("50/5 * * * * *", Utc(2026, 3, 1), 3));
    }

    [Fact]
    public void Day_of_week_counts_sunday_as_zero_and_accepts_names()
    {
        // 2026-03-01 is a Sunday.
        var sundays = Next("0 0 8 * * 0", Utc(2026, 3, 1, 9), 2);
        Assert.Equal([Utc(2026, 3, 8, 8), Utc(2026, 3, 15, 8)], sundays);
        Assert.Equal(sundays, Next("0 0 8 * * SUN", Utc(2026, 3, 1, 9), 2));
        Assert.Equal(sundays, Next("0 0 8 * * 7", Utc(2026, 3, 1, 9), 2));
        Assert.Equal([Utc(2026, 3, 2, 8), Utc(2026, 3, 3, 8), Utc(2026, 3, 6, 8)], Next("0 0 8 * * mon-tue,FRI", Utc(2026, 3, 1, 9), 3));
    }

    [Fact]
    public void Day_and_day_of_week_must_both_match()
    {
        // The 13th that is a Friday: 2026-02-13, then 2026-03-13.
        Assert.Equal([Utc(2026, 2, 13), Utc(2026, 3, 13)], Next("0 0 0 13 * FRI", Utc(2026, 1, 1), 2));
    }

    [Fact]
    public void Next_occurrence_crosses_month_and_year_ends()
    {
        Assert.Equal(Utc(2026, 2, 1, 0), CronSchedule.Parse("0 0 */6 * * *").GetNextOccurrence(Utc(2026, 1, 31, 18)));
        Assert.Equal([Utc(2026, 4, 30), Utc(2026, 5, 30), Utc(2026, 5, 31), Utc(2027, 4, 30)], Next("0 0 0 30,31 4-5 *", Utc(2026, 4, 1), 4));
        Assert.Equal(Utc(2027, 1, 1), CronSchedule.Parse("0 0 0 1 JAN *").GetNextOccurrence(Utc(2026, 6, 1)));
        Assert.Equal(Utc(2028, 2, 29), CronSchedule.Parse("0 0 0 29 2 *").GetNextOccurrence(Utc(2026, 3, 1)));
    }

    [Fact]
    public void Next_occurrence_is_in_utc_whatever_the_offset_given()
    {
        var fromPlusTwo = new DateTimeOffset(2026, 3, 1, 7, 59, 0, TimeSpan.FromHours(2));
        var next = CronSchedule.Parse("0 0 6 * * *").GetNextOccurrence(fromPlusTwo);
        Assert.Equal(Utc(2026, 3, 1, 6), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Theory]
    [InlineData("0 0 */6 * *", "6 fields")]
    [InlineData("0 0 0 0 */6 * * *", "6 fields")]
    [InlineData("", "6 fields")]
    [InlineData("60 * * * * *", "second field '60': value 60 is outside 0-59")]
    [InlineData("* * 24 * * *", "hour field")]
    [InlineData("* * * 0 * *", "day field")]
    [InlineData("* * * * 13 *", "month field")]
    [InlineData("* * * * * 8", "day-of-week field")]
    [InlineData("*/0 * * * * *", "step")]
    [InlineData("* 30-10 * * * *", "starts after it ends")]
    [InlineData("* * * * * FUNDAY", "not a number or name")]
    [InlineData("a * * * * *", "not a number in 0-59")]
    [InlineData("1,,2 * * * * *", "empty list item")]
    [InlineData("0 0 0 30 2 *", "never match a real date")]
    public void Invalid_expressions_are_rejected_with_a_message_naming_the_problem(string expression, string expected)
    {
        Assert.False(CronSchedule.TryParse(expression, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));
        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_expression_is_rejected()
    {
        Assert.False(CronSchedule.TryParse(null, out _, out var error));
        Assert.Contains("6 fields", error, StringComparison.Ordinal);
    }
}
