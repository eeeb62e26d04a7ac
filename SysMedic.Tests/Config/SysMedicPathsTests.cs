using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

public class SysMedicPathsTests
{
    [Test]
    public void Root_uses_the_system_layout()
    {
        var paths = SysMedicPaths.For(root: true, _ => null);
        Assert.That(paths.ConfigFile, Is.EqualTo("/etc/sysmedic/config.yaml"));
        Assert.That(paths.DataDirectory, Is.EqualTo("/var/lib/sysmedic"));
        Assert.That(paths.RuntimeDirectory, Is.EqualTo("/run/sysmedic"));
    }

    [Test]
    public void A_user_gets_xdg_locations_under_home()
    {
        var env = new Dictionary<string, string?> { ["HOME"] = "/home/alice", ["XDG_RUNTIME_DIR"] = "/run/user/1000" };
        var paths = SysMedicPaths.For(root: false, k => env.GetValueOrDefault(k));
        Assert.That(paths.ConfigFile, Is.EqualTo("/home/alice/.config/sysmedic/config.yaml"));
        Assert.That(paths.DataDirectory, Is.EqualTo("/home/alice/.local/state/sysmedic"));
        Assert.That(paths.RuntimeDirectory, Is.EqualTo("/run/user/1000/sysmedic"));
    }
}
