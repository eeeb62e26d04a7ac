using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;

namespace SysMedic.Tests.Tui;

public class RecentHistoryTests
{
    [Test]
    public void Drops_the_oldest_points_and_users_no_longer_seen()
    {
        var history = new RecentHistory(3);
        Snapshot withBob = ConsoleSnapshots.Busy();
        history.Add(withBob);
        for (int i = 1; i <= 3; i++)
        {
            Snapshot s = ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2 * i));
            history.Add(s with { Users = [.. s.Users.Where(u => u.Username != "bob")] });
        }

        Assert.That(history.System(DateTimeOffset.MinValue), Has.Count.EqualTo(3));
        Assert.That(history.User("alice", DateTimeOffset.MinValue), Has.Count.EqualTo(3));
        Assert.That(history.User("bob", DateTimeOffset.MinValue), Is.Empty);
        Assert.That(history.UserCount, Is.EqualTo(2));
    }

    [Test]
    public void Keeps_each_user_cpu_and_memory()
    {
        var history = new RecentHistory(10);
        history.Add(ConsoleSnapshots.Busy());

        UserPoint bob = history.User("bob", DateTimeOffset.MinValue).Single();
        Assert.That((bob.CpuPercent, bob.MemoryPercent), Is.EqualTo((12.0, 30.0)));
    }
}
