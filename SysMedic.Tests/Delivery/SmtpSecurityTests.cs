using MailKit.Security;
using SysMedic.Agent.Delivery;
using SysMedic.Core.Config;

namespace SysMedic.Tests.Delivery;

public class SmtpSecurityTests
{
    [TestCase(EmailSecurity.Auto, 465, SecureSocketOptions.SslOnConnect)]
    [TestCase(EmailSecurity.Auto, 587, SecureSocketOptions.StartTls)]
    [TestCase(EmailSecurity.Auto, 25, SecureSocketOptions.StartTlsWhenAvailable)]
    [TestCase(EmailSecurity.Auto, 2525, SecureSocketOptions.StartTlsWhenAvailable)]
    [TestCase(EmailSecurity.StartTls, 25, SecureSocketOptions.StartTls)]
    [TestCase(EmailSecurity.StartTls, 465, SecureSocketOptions.StartTls)]
    [TestCase(EmailSecurity.Ssl, 587, SecureSocketOptions.SslOnConnect)]
    [TestCase(EmailSecurity.None, 465, SecureSocketOptions.None)]
    public void Security_and_port_choose_how_the_connection_is_protected(EmailSecurity security, int port, SecureSocketOptions expected)
    {
        Assert.That(SmtpSecurity.OptionsFor(security, port), Is.EqualTo(expected));
    }
}
