using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

public class SectionTests
{
    [Test]
    public void An_empty_smtp_user_means_no_authentication()
    {
        Assert.That(new EmailSection().UsesAuthentication, Is.False);
        Assert.That(new EmailSection { Username = "alerts" }.UsesAuthentication, Is.True);
    }

    [Test]
    public void The_smtp_certificate_is_checked_unless_tls_verify_is_false()
    {
        var defaults = ConfigLoader.LoadText("", "c.yaml", null, ConfigFixtures.RootLayout);
        var escaped = ConfigLoader.LoadText("email:\n  tls_verify: false\n", "c.yaml", null, ConfigFixtures.RootLayout);
        var fromVariable = ConfigLoader.LoadText("", "c.yaml", new Dictionary<string, string> { ["SYSMEDIC_EMAIL__TLS_VERIFY"] = "false" }, ConfigFixtures.RootLayout);
        var invalid = ConfigLoader.LoadText("email:\n  tls_verify: sometimes\n", "c.yaml", null, ConfigFixtures.RootLayout);
        Assert.That(defaults.Config.Email.TlsVerify, Is.True);
        Assert.That(escaped.Config.Email.TlsVerify, Is.False);
        Assert.That(fromVariable.Config.Email.TlsVerify, Is.False);
        Assert.That(invalid.Errors.Select(e => e.KeyPath), Does.Contain("email.tls_verify"));
    }

    [Test]
    public void The_relay_serves_wss_only_when_both_tls_files_are_set()
    {
        Assert.That(new WebSocketSection { TlsCert = "/c.pem" }.UsesTls, Is.False);
        Assert.That(new WebSocketSection { TlsCert = "/c.pem", TlsKey = "/k.pem" }.UsesTls, Is.True);
    }

    [Test]
    public void A_user_without_an_own_threshold_gets_the_users_default()
    {
        var config = new SysMedicConfig
        {
            Users = new UsersSection { CpuThreshold = 70, MemoryThreshold = 60 },
            UserThresholds = new Dictionary<string, UserThreshold> { ["db"] = new() { CpuThreshold = 95 } },
        };
        Assert.That((config.CpuThresholdFor("db"), config.MemoryThresholdFor("db")), Is.EqualTo((95.0, 60.0)));
        Assert.That((config.CpuThresholdFor("alice"), config.MemoryThresholdFor("alice")), Is.EqualTo((70.0, 60.0)));
    }
}
