using static SysMedic.Tests.Packaging.PackagingTools;

namespace SysMedic.Tests.Packaging;

public class SystemdUnitTests
{
    private static IEnumerable<string> Units() => UnitNames();

    [Test]
    public void The_doctor_unit_is_among_the_packaged_units()
    {
        Assert.That(UnitNames(), Does.Contain("sysmedic.doctor.service"));
    }

    [TestCaseSource(nameof(Units))]
    public void The_unit_verifies_without_a_word(string unit)
    {
        string text = File.ReadAllText(RepoFile("packaging", "systemd", unit));
        Assert.That(text, Does.Match(@"(?m)^ExecStart=/usr/bin/sysmedic --[a-z]+-daemon$"));
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            RequiredTool.Missing("systemd-analyze is not installed (.ci/setup installs it)");
        }

        // verify also checks that the programs it names exist: point them at one this machine has.
        string dir = Directory.CreateTempSubdirectory("sysmedic-unit-").FullName;
        try
        {
            string copy = Path.Combine(dir, unit);
            File.WriteAllText(copy, text.Replace("/usr/bin/sysmedic", "/bin/true", StringComparison.Ordinal));
            var (code, output) = Run("/usr/bin/systemd-analyze", "verify", copy);
            Assert.That(output, Is.Empty);
            Assert.That(code, Is.Zero);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestCaseSource(nameof(Units))]
    public void The_unit_finds_the_runtime_directory_made_at_boot(string unit)
    {
        // /run/sysmedic comes from tmpfiles.d at boot; a unit that makes it too must agree on its owner and mode, or
        // each start would flip it and lock the sysmedic group out of the doctor's socket.
        string text = File.ReadAllText(RepoFile("packaging", "systemd", unit));
        string tmpfiles = File.ReadAllText(RepoFile("packaging", "tmpfiles.d", "sysmedic.conf"));
        Assert.That(tmpfiles, Does.Match(@"(?m)^d /run/sysmedic 0755 root root -$"));
        if (text.Contains("RuntimeDirectory=sysmedic\n", StringComparison.Ordinal))
        {
            Assert.That(text, Does.Contain("RuntimeDirectoryMode=0755\n").And.Not.Match("(?m)^(User|Group)="));
        }
    }

    [Test]
    public void The_doctor_unit_denies_writable_executable_memory_and_privileged_system_calls()
    {
        // Native AOT: no JIT, so no page is ever both writable and executable.
        string text = File.ReadAllText(RepoFile("packaging", "systemd", "sysmedic.doctor.service"));
        Assert.That(text, Does.Contain("MemoryDenyWriteExecute=yes\n"));
        Assert.That(text, Does.Contain("SystemCallFilter=@system-service\nSystemCallFilter=~@privileged @resources\n"));
        Assert.That(text, Does.Contain("SystemCallErrorNumber=EPERM\n"), "a denied call fails instead of killing the doctor");
        Assert.That(text, Does.Contain("SupplementaryGroups=sysmedic\n"), "without any capability, root may give its socket only to a group it is in");
        Assert.That(text, Does.Contain("SystemCallFilter=@chown setpriority\n"), "... with chown(2), the one @privileged call it needs, and setpriority(2) to renice");
        Assert.That(text, Does.Contain("CapabilityBoundingSet=CAP_KILL CAP_SYS_NICE\n"), "to signal and renice for its clients, after checking their own rights");
    }

    [Test]
    public void Systemd_rates_the_doctor_unit_exposure_at_2_3_or_below()
    {
        // 2.0 without CAP_KILL, CAP_SYS_NICE and setpriority(2), which the console's signal and renice need (0.3).
        string text = File.ReadAllText(RepoFile("packaging", "systemd", "sysmedic.doctor.service"));
        Assert.That(Exposure(text, "sysmedic.doctor.service"), Is.LessThanOrEqualTo(2.3));
    }

    [Test]
    public void The_doctor_unit_keeps_proc_whole_and_notifies_systemd()
    {
        string text = File.ReadAllText(RepoFile("packaging", "systemd", "sysmedic.doctor.service"));
        Assert.That(text, Does.Contain("Type=notify\n").And.Contain("NoNewPrivileges=yes\n").And.Contain("ProtectSystem=strict\n"));
        Assert.That(text, Does.Contain("ReadWritePaths=/var/lib/sysmedic /var/log/sysmedic"));
        Assert.That(text, Does.Contain("MemoryMax=").And.Contain("CPUQuota="));
        Assert.That(text, Does.Not.Match("(?m)^ProtectProc=").And.Not.Match("(?m)^ProcSubset="));
    }
}
