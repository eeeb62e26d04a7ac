using System.Net;
using Microsoft.Extensions.Time.Testing;
using SysMedic.Agent.Relay;
using SysMedic.Core.Formatting;

namespace SysMedic.Tests.Relay;

public class RelayAuthTests
{
    private static readonly IPAddress A = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress B = IPAddress.Parse("192.0.2.11");

    [Test]
    public void Failures_are_answered_at_once_then_slower_then_refused_for_a_while()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var throttle = new AuthThrottle(time);
        var delays = new List<double>();
        bool blocked = false;
        for (int i = 1; i <= AuthThrottle.BlockAfter; i++)
        {
            Assert.That(throttle.Check(A).Refused, Is.False, $"attempt {i}");
            var (delay, nowBlocked, failures) = throttle.RecordFailure(A);
            Assert.That(failures, Is.EqualTo(i));
            delays.Add(delay.TotalSeconds);
            blocked = nowBlocked;
        }

        Assert.That(delays, Is.EqualTo(new double[] { 0, 0, 0, 1, 2, 3, 4, 5, 5, 5 }));
        Assert.That(blocked, Is.True, "the tenth failure starts the block");
        AuthVerdict verdict = throttle.Check(A);
        Assert.That(verdict.Refused, Is.True);
        Assert.That(verdict.RetryAfter, Is.EqualTo(AuthThrottle.BlockFor));
        Assert.That(throttle.Check(B).Refused, Is.False, "another address is not affected");

        time.Advance(AuthThrottle.BlockFor - TimeSpan.FromSeconds(1));
        Assert.That(throttle.Check(A).Refused, Is.True);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.That(throttle.Check(A).Refused, Is.False, "the block ends");
        Assert.That(throttle.RecordFailure(A).Delay, Is.EqualTo(TimeSpan.Zero), "and the window started over");
    }

    [Test]
    public void A_good_secret_forgets_the_failures()
    {
        var throttle = new AuthThrottle(new FakeTimeProvider());
        for (int i = 0; i < 5; i++)
        {
            throttle.RecordFailure(A);
        }

        throttle.RecordSuccess(A);
        Assert.That(throttle.RecordFailure(A).Failures, Is.EqualTo(1));
    }

    [Test]
    public void Secrets_are_32_random_bytes_in_base64url_and_compared_exactly()
    {
        string one = RelaySecret.Generate();
        string two = RelaySecret.Generate();
        Assert.That(one, Has.Length.EqualTo(43).And.Match("^[A-Za-z0-9_-]+$"));
        Assert.That(one, Is.Not.EqualTo(two));
        Assert.That(RelaySecret.Matches(one, one), Is.True);
        Assert.That(RelaySecret.Matches(one[..^1], one), Is.False);
        Assert.That(RelaySecret.Matches(one + "x", one), Is.False);
        Assert.That(RelaySecret.Matches(null, one), Is.False);
        Assert.That(RelaySecret.Matches("", ""), Is.False, "an empty secret lets nobody in");
    }

    [Test]
    public void Prometheus_label_values_and_special_numbers_are_escaped()
    {
        string text = new PrometheusWriter()
            .Family("sysmedic_user_processes", "gauge", "Processes of a user.")
            .Sample("sysmedic_user_processes", 3, ("user", "we\"ird\\na\nme"))
            .Gauge("sysmedic_x_ratio", "x", double.NaN)
            .ToString();
        Assert.That(text, Is.EqualTo(
            "# HELP sysmedic_user_processes Processes of a user.\n# TYPE sysmedic_user_processes gauge\n" +
            "sysmedic_user_processes{user=\"we\\\"ird\\\\na\\nme\"} 3\n" +
            "# HELP sysmedic_x_ratio x\n# TYPE sysmedic_x_ratio gauge\nsysmedic_x_ratio NaN\n"));
        Assert.That(() => new PrometheusWriter().Gauge("a", "a", 1).Gauge("a", "a", 2), Throws.InvalidOperationException);
    }
}
