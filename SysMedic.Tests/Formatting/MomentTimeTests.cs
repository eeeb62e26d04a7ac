using SysMedic.Core.Formatting;

namespace SysMedic.Tests.Formatting;

public class MomentTimeTests
{
    // A zone with summer time, built here so the test does not depend on the machine's tz database:
    // UTC+1, UTC+2 from the last Sunday of March 02:00 to the last Sunday of October 03:00 (as Central Europe).
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.CreateCustomTimeZone(
        "Test/Berlin", TimeSpan.FromHours(1), "Test/Berlin", "CET", "CEST",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday)),
        ]);

    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 30, 0, TimeSpan.FromHours(1));

    private static DateTimeOffset Parse(string text, DateTimeOffset? now = null)
    {
        Assert.That(MomentTime.TryParse(text, now ?? Now, Berlin, out DateTimeOffset at, out string problem), Is.True, problem);
        return at;
    }

    [TestCase("90m ago", 90 * 60)]
    [TestCase("3h ago", 3 * 3600)]
    [TestCase("2d ago", 2 * 86400)]
    [TestCase("45s ago", 45)]
    [TestCase("15 min ago", 15 * 60)]
    public void A_span_ago_counts_back_from_now(string text, int seconds) =>
        Assert.That(Parse(text), Is.EqualTo(Now.AddSeconds(-seconds)));

    [Test]
    public void A_clock_time_is_the_last_time_it_was_that_time_here()
    {
        Assert.That(Parse("03:00"), Is.EqualTo(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.FromHours(1))), "earlier today");
        Assert.That(Parse("23:15"), Is.EqualTo(new DateTimeOffset(2026, 12, 5, 23, 15, 0, TimeSpan.FromHours(1))), "later today has not come: yesterday's");
        Assert.That(Parse("9:30:00"), Is.EqualTo(Now), "now itself");
    }

    [Test]
    public void A_date_and_time_is_local_and_iso_8601_keeps_its_offset()
    {
        Assert.That(Parse("2026-07-01 03:00"), Is.EqualTo(new DateTimeOffset(2026, 7, 1, 3, 0, 0, TimeSpan.FromHours(2))), "summer time");
        Assert.That(Parse("2026-12-06T03:00"), Is.EqualTo(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.FromHours(1))));
        Assert.That(Parse("2026-12-06T03:00:00Z"), Is.EqualTo(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero)));
        Assert.That(Parse("2026-12-06T03:00:00-05:00"), Is.EqualTo(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void A_time_the_clocks_skipped_is_refused_naming_it()
    {
        Assert.That(MomentTime.TryParse("2026-03-29 02:30", Now, Berlin, out _, out string problem), Is.False);
        Assert.That(problem, Does.Contain("2026-03-29 02:30 did not happen in Test/Berlin (the clocks went forward)"));
    }

    [Test]
    public void A_time_the_clocks_passed_twice_is_the_first_of_the_two()
    {
        Assert.That(Parse("2026-10-25 02:30"), Is.EqualTo(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2))));
        Assert.That(Parse("02:30", new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.FromHours(1))).UtcDateTime, Is.EqualTo(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc)));
    }

    [TestCase("yesterday")]
    [TestCase("25:00")]
    [TestCase("3 fortnights ago")]
    [TestCase("2026-13-01 03:00")]
    [TestCase("")]
    public void Anything_else_is_refused_with_the_forms_it_takes(string text)
    {
        Assert.That(MomentTime.TryParse(text, Now, Berlin, out _, out string problem), Is.False);
        Assert.That(problem, Does.Contain("is not a time").And.Contain("90m ago"));
    }
}
