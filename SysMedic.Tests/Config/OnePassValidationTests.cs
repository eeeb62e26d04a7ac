using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

public class OnePassValidationTests
{
    private static readonly SysMedicPaths Layout = SysMedicPaths.For(root: false, _ => "/home/t");

    [Test]
    public void Value_errors_and_cross_key_errors_come_out_together()
    {
        var result = ConfigLoader.LoadText("monitoring:\n  check_interval: sixty\nemail:\n  enabled: true\n", "c.yaml", null, Layout);
        var keys = result.Diagnostics.Where(d => d.IsError).Select(d => d.KeyPath).ToList();
        Assert.That(keys, Does.Contain("monitoring.check_interval").And.Contain("email.to_emails"));
    }

    [Test]
    public void A_key_reported_for_its_value_is_not_reported_again_by_a_cross_key_check()
    {
        var result = ConfigLoader.LoadText("email:\n  enabled: true\n  to_emails: 42\n", "c.yaml", null, Layout);
        Assert.That(result.Diagnostics.Count(d => d.IsError && d.KeyPath == "email.to_emails"), Is.EqualTo(1));
    }
}
