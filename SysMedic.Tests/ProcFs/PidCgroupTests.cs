using System.Text;
using SysMedic.Core.ProcFs;

namespace SysMedic.Tests.ProcFs;

public class PidCgroupTests
{
    private static (bool Ok, string Path, bool Unified) Parse(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        bool ok = PidCgroup.TryParse(bytes, out Range path, out bool unified);
        return (ok, ok ? Encoding.UTF8.GetString(bytes.AsSpan()[path]) : "", unified);
    }

    [TestCase("0::/user.slice/user-1000.slice/session-3.scope\n", "/user.slice/user-1000.slice/session-3.scope", true, TestName = "A cgroup v2 host has one line")]
    [TestCase("12:pids:/a\n1:name=systemd:/system.slice/cron.service\n0::/system.slice/cron.service\n", "/system.slice/cron.service", true, TestName = "A hybrid host's v2 line wins")]
    [TestCase("12:pids:/user.slice\n4:memory:/user.slice\n1:name=systemd:/user.slice/user-1000.slice/session-3.scope\n", "/user.slice/user-1000.slice/session-3.scope", false, TestName = "A v1 host gives systemd's hierarchy")]
    [TestCase("7:cpu,cpuacct:/docker/abc\n", "/docker/abc", false, TestName = "Without systemd the first line is taken")]
    [TestCase("0::/with:colons\n", "/with:colons", true, TestName = "A path may hold colons")]
    public void Finds_the_process_cgroup(string text, string expected, bool unified) =>
        Assert.That(Parse(text), Is.EqualTo((true, expected, unified)));

    [Test]
    public void A_file_with_no_cgroup_line_is_refused() => Assert.That(Parse("garbage without colons\n").Ok, Is.False);

    [TestCase("/user.slice/user-1000.slice/session-3.scope", 1000u)]
    [TestCase("/user.slice/user-0.slice", 0u)]
    [TestCase("/user.slice/user-1000.slice/user@1000.service/app.slice/x.service", 1000u)]
    public void Tells_the_user_slice_a_path_lies_in(string path, uint uid) => Assert.That(PidCgroup.UserSliceUid(path), Is.EqualTo(uid));

    [TestCase("/system.slice/cron.service")]
    [TestCase("/user.slice")]
    [TestCase("/user.slice/user-.slice")]
    [TestCase("/user.slice/user-10x0.slice")]
    [TestCase("/user.slice/user-1000.slicer")]
    [TestCase("/machine.slice/user.slice/user-1000.slice")]
    public void A_path_outside_a_user_slice_has_none(string path) => Assert.That(PidCgroup.UserSliceUid(path), Is.Null);
}
