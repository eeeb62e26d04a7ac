using static SysMedic.Tests.Packaging.PackagingTools;

namespace SysMedic.Tests.Packaging;

public class RelayUnitTests
{
    private static string UnitText() => File.ReadAllText(RepoFile("packaging", "systemd", "sysmedic.websocket.service"));

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
    public void The_relay_runs_as_its_own_user_and_cannot_write_the_doctors_files()
    {
        string text = UnitText();
        Assert.That(text, Does.Contain("User=sysmedic-relay\n").And.Contain("Group=sysmedic-relay\n"));
        Assert.That(text, Does.Contain("SupplementaryGroups=sysmedic\n"), "the doctor's socket is mode 0660, group sysmedic");
        Assert.That(text, Does.Not.Match("(?m)^StateDirectory=").And.Not.Contain("/var/lib/sysmedic"), "nothing of the doctor's history is writable");
        Assert.That(text, Does.Contain("LogsDirectory=sysmedic-relay\n").And.Contain("RuntimeDirectory=sysmedic/relay\n"));
        Assert.That(text, Does.Contain("Environment=SYSMEDIC_CONFIG=/etc/sysmedic/config.yaml\n"));
        Assert.That(text, Does.Contain("Environment=SYSMEDIC_SOCKET=/run/sysmedic/doctor.sock\n"));
        Assert.That(text, Does.Contain("Environment=SYSMEDIC_LOG_PATH=/var/log/sysmedic-relay\n"));
    }

    [Test]
    public void Systemd_rates_the_relay_unit_exposure_at_1_5_or_below()
    {
        Assert.That(Exposure(UnitText(), "sysmedic.websocket.service"), Is.LessThanOrEqualTo(1.5));
    }
}
