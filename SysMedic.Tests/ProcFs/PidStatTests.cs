using System.Text;
using SysMedic.Core.ProcFs;

namespace SysMedic.Tests.ProcFs;

public class PidStatTests
{
    private static (PidStat Stat, string Comm) Parse(byte[] line)
    {
        Assert.That(PidStat.TryParse(line, out PidStat stat, out Range comm), Is.True);
        return (stat, Encoding.UTF8.GetString(line.AsSpan()[comm]));
    }

    [TestCase("100", "a) b (c")]
    [TestCase("101", "x\ny")]
    [TestCase("102", "tab\there")]
    [TestCase("103", "\u001b[31mred")]
    [TestCase("105", "")]
    [TestCase("107", "(sd-pam)")]
    [TestCase("112", "kworker/1:0H")]
    [TestCase("114", "(a)))b")]
    public void Cuts_the_name_at_the_last_parenthesis(string pid, string expected)
    {
        var (stat, comm) = Parse(FixturePaths.ProcFile("t0", $"{pid}/stat"));
        Assert.That(comm, Is.EqualTo(expected));
        Assert.That(stat.Pid, Is.EqualTo(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Reads_the_fields_after_the_name()
    {
        var (stat, _) = Parse(FixturePaths.ProcFile("t0", "100/stat"));
        Assert.Multiple(() =>
        {
            Assert.That((char)stat.State, Is.EqualTo('R'));
            Assert.That(stat.Ppid, Is.EqualTo(1));
            Assert.That(stat.UtimeTicks, Is.EqualTo(1000));
            Assert.That(stat.StimeTicks, Is.EqualTo(200));
            Assert.That(stat.CpuTicks, Is.EqualTo(1200));
            Assert.That(stat.Threads, Is.EqualTo(4));
            Assert.That(stat.StartTimeTicks, Is.EqualTo(5000));
            Assert.That(stat.RssPages, Is.EqualTo(250000));
        });
    }

    [Test]
    public void Reads_the_times_of_the_children_the_process_waited_for()
    {
        var (stat, _) = Parse(FixturePaths.ProcFile("t1", "100/stat"));
        Assert.That((stat.ChildrenUtimeTicks, stat.ChildrenStimeTicks, stat.ChildrenCpuTicks), Is.EqualTo((80UL, 20UL, 100UL)));
    }

    [Test]
    public void Keeps_bytes_that_are_not_utf8_in_the_name_range()
    {
        byte[] line = FixturePaths.ProcFile("t0", "104/stat");
        Assert.That(PidStat.TryParse(line, out _, out Range comm), Is.True);
        Assert.That(line.AsSpan()[comm].ToArray(), Is.EqualTo(new byte[] { (byte)'b', (byte)'a', (byte)'d', 0xff, 0xfe }));
    }

    [Test]
    public void Tells_kernel_threads_by_their_flag()
    {
        Assert.That(Parse(FixturePaths.ProcFile("t0", "112/stat")).Stat.IsKernelThread, Is.True);
        Assert.That(Parse(FixturePaths.ProcFile("t0", "100/stat")).Stat.IsKernelThread, Is.False);
    }

    [Test]
    public void Reads_a_zombie_with_no_resident_memory()
    {
        var (stat, _) = Parse(FixturePaths.ProcFile("t0", "106/stat"));
        Assert.That((char)stat.State, Is.EqualTo('Z'));
        Assert.That(stat.RssPages, Is.Zero);
    }

    [Test]
    public void Reads_negative_nice_and_priority()
    {
        byte[] line = "42 (rt) S 1 42 42 0 -1 0 0 0 0 0 7 3 0 0 -51 -20 1 0 99 0 12 0\n"u8.ToArray();
        var (stat, _) = Parse(line);
        Assert.That(stat.Priority, Is.EqualTo(-51));
        Assert.That(stat.Nice, Is.EqualTo(-20));
        Assert.That(stat.RssPages, Is.EqualTo(12));
    }

    [TestCase("109 (trunc) S 1 109 109 0\n")]
    [TestCase("")]
    [TestCase("no parenthesis at all")]
    [TestCase("(nopid) S 1 2 3")]
    [TestCase("12 (x) SS 1 12 12 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 99 0 12 0")]
    [TestCase("12 (x) S 1 12 12 0 -1 0 0 0 0 0 seven 3 0 0 20 0 1 0 99 0 12 0")]
    public void Refuses_a_truncated_or_malformed_line(string line)
    {
        Assert.That(PidStat.TryParse(Encoding.UTF8.GetBytes(line), out _, out _), Is.False);
    }
}
