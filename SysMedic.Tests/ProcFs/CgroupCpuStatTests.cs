using System.Text;
using SysMedic.Core.ProcFs;

namespace SysMedic.Tests.ProcFs;

public class CgroupCpuStatTests
{
    [Test]
    public void Reads_the_usage_of_a_user_slice_in_microseconds()
    {
        byte[] text = File.ReadAllBytes(Path.Combine(FixturePaths.Sys("t1"), "fs/cgroup/user.slice/user-1000.slice/cpu.stat"));
        Assert.That(CgroupCpuStat.TryParse(text, out CgroupCpuStat stat), Is.True);
        Assert.That(stat, Is.EqualTo(new CgroupCpuStat(6_250_000, 5_625_000, 625_000)));
    }

    [TestCase("user_usec 5\nsystem_usec 1\n", TestName = "A file without usage_usec is refused")]
    [TestCase("usage_usec lots\n", TestName = "A usage that is not a number is refused")]
    public void Malformed(string text) => Assert.That(CgroupCpuStat.TryParse(Encoding.ASCII.GetBytes(text), out _), Is.False);
}
