using SysMedic.Core.Config;
using SysMedic.Core.Health;

namespace SysMedic.Tests.Config;

public class ConfigMappingTests
{
    [Test]
    public void Thresholds_come_from_monitoring_users_and_overrides_with_missing_halves_defaulted()
    {
        var config = new SysMedicConfig
        {
            Monitoring = new MonitoringSection { CpuThreshold = 90, MemoryThreshold = 85 },
            Users = new UsersSection { CpuThreshold = 40, MemoryThreshold = 30 },
            UserThresholds = new Dictionary<string, Core.Config.UserThreshold>
            {
                ["db"] = new() { CpuThreshold = 95 },
            },
        };
        Thresholds t = config.ToThresholds();
        Assert.That(t.SystemCpuPercent, Is.EqualTo(90));
        Assert.That(t.SystemMemoryPercent, Is.EqualTo(85));
        Assert.That(t.For("alice"), Is.EqualTo(new Core.Health.UserThreshold(40, 30)));
        Assert.That(t.For("db"), Is.EqualTo(new Core.Health.UserThreshold(95, 30)));
    }

    [Test]
    public void User_filtering_maps_every_rule()
    {
        var section = new UserFilteringSection { MinUidForRealUsers = 500, IgnoreSystemUsers = false, MinCpuPercent = 1, MinMemoryPercent = 2, ExcludedUsers = ["bob"] };
        var filter = section.ToUserFilter();
        Assert.That(filter.MinUidForRealUsers, Is.EqualTo(500));
        Assert.That(filter.IgnoreSystemUsers, Is.False);
        Assert.That(filter.Includes(1000, "bob", 99, 99), Is.False);
        Assert.That(filter.Includes(10, "postgres", 1, 0), Is.True);
        Assert.That(filter.Includes(10, "postgres", 0.5, 1.5), Is.False);
    }

    [Test]
    public void The_database_lives_in_data_path() =>
        Assert.That(new SysMedicConfig { DataPath = "/srv/sm" }.DatabasePath(), Is.EqualTo("/srv/sm/sysmedic.db"));
}
