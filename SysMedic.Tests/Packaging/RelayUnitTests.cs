using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SysMedic.Tests.Packaging;

public partial class RelayUnitTests
{
    private static string UnitText()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SysMedic.sln")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllText(Path.Combine(dir!.FullName, "packaging", "systemd", "sysmedic.websocket.service"));
    }

    [Test]
    public void The_relay_unit_is_hardened_beyond_the_doctor()
    {
        string text = UnitText();
        Assert.That(text, Does.Contain("ExecStart=/usr/bin/sysmedic --websocket-daemon\n"));
        Assert.That(text, Does.Contain("ExecStartPre=+/usr/bin/sysmedic websocket new-secret --if-missing\n"));
        Assert.That(text, Does.Contain("CapabilityBoundingSet=\n").And.Contain("ProtectProc=invisible\n").And.Contain("ProtectHome=yes\n"));
        Assert.That(text, Does.Contain("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6\n"));
        Assert.That(text, Does.Not.Contain("ReadWritePaths=/var/lib/sysmedic /var/log/sysmedic /run"), "the relay never writes the doctor's runtime directory");
    }

    [Test]
    public void Systemd_rates_the_relay_unit_exposure_below_2_5()
    {
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            Assert.Ignore("systemd-analyze is not installed");
        }

        string dir = Directory.CreateTempSubdirectory("sysmedic-unit-").FullName;
        try
        {
            string copy = Path.Combine(dir, "sysmedic.websocket.service");
            File.WriteAllText(copy, UnitText());
            var psi = new ProcessStartInfo("/usr/bin/systemd-analyze") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in (string[])["security", "--offline=true", "--no-pager", copy])
            {
                psi.ArgumentList.Add(a);
            }

            using Process p = Process.Start(psi)!;
            Task<string> err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd() + err.Result;
            p.WaitForExit();
            Match m = Exposure().Match(output);
            Assert.That(m.Success, Is.True, output);
            Assert.That(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Is.LessThan(2.5));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+\.\d+)")]
    private static partial Regex Exposure();
}
