using System.Diagnostics;

namespace SysMedic.Tests.Packaging;

public class SystemdUnitTests
{
    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SysMedic.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine([dir?.FullName ?? throw new DirectoryNotFoundException("SysMedic.sln not found above the tests"), .. parts]);
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }

    [TestCase("sysmedic.doctor.service", "--doctor-daemon")]
    public void The_unit_verifies_without_a_word(string unit, string role)
    {
        string text = File.ReadAllText(RepoFile("packaging", "systemd", unit));
        Assert.That(text, Does.Contain($"ExecStart=/usr/bin/sysmedic {role}\n"));
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            Assert.Ignore("systemd-analyze is not installed");
        }

        // verify also checks that ExecStart exists: point it at a binary this machine has.
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
