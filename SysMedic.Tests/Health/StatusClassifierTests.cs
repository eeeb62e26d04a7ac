using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Health;

public class StatusClassifierTests
{
    private static SystemUsage System(double cpu, double memory) => new(cpu, memory, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

    private static UserUsage User(string name, double cpu, double memory) => new(name, 1000, cpu, memory, 0, 1, [1]);

    [TestCase(80.1, 10, SystemStatus.Heavy)]
    [TestCase(10, 80.1, SystemStatus.Heavy)]
    [TestCase(80, 80, SystemStatus.Medium)]
    [TestCase(48.1, 0, SystemStatus.Medium)]
    [TestCase(0, 48.1, SystemStatus.Medium)]
    [TestCase(48, 48, SystemStatus.Light)]
    public void System_usage_alone(double cpu, double memory, SystemStatus expected) =>
        Assert.That(StatusClassifier.Classify(System(cpu, memory), [], Thresholds.Default, 0), Is.EqualTo(expected));

    [Test]
    public void A_persistent_user_makes_it_heavy_even_when_the_system_is_quiet() =>
        Assert.That(StatusClassifier.Classify(System(1, 1), [], Thresholds.Default, persistentUsers: 1), Is.EqualTo(SystemStatus.Heavy));

    [Test]
    public void A_user_over_their_threshold_makes_it_medium()
    {
        var thresholds = Thresholds.Default with { DefaultUser = new UserThreshold(30, 30) };
        Assert.That(StatusClassifier.Classify(System(40, 1), [User("alice", 31, 0)], thresholds, 0), Is.EqualTo(SystemStatus.Medium));
        Assert.That(StatusClassifier.Classify(System(40, 1), [User("alice", 30, 0)], thresholds, 0), Is.EqualTo(SystemStatus.Light));
    }

    [Test]
    public void A_per_user_override_replaces_the_default()
    {
        var thresholds = Thresholds.Default with
        {
            DefaultUser = new UserThreshold(30, 30),
            PerUser = new Dictionary<string, UserThreshold> { ["db"] = new(45, 30) },
        };
        Assert.That(StatusClassifier.Classify(System(40, 1), [User("db", 40, 0)], thresholds, 0), Is.EqualTo(SystemStatus.Light));
        Assert.That(StatusClassifier.Classify(System(40, 1), [User("db", 46, 0)], thresholds, 0), Is.EqualTo(SystemStatus.Medium));
    }
}
