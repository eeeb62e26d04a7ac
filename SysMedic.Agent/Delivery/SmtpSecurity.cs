using MailKit.Security;
using SysMedic.Core.Config;

namespace SysMedic.Agent.Delivery;

/// <summary>How <c>email.security</c> and <c>email.smtp_port</c> translate into MailKit's connection options.</summary>
public static class SmtpSecurity
{
    /// <summary>
    /// <c>ssl</c>: TLS from the first byte; <c>starttls</c>: STARTTLS, refused if the server does not offer it;
    /// <c>none</c>: plain text. <c>auto</c>: implicit TLS on 465, required STARTTLS on 587 (the submission port,
    /// where every server offers it), and STARTTLS when the server offers it on any other port (25 between
    /// servers on a trusted network often has none).
    /// </summary>
    public static SecureSocketOptions OptionsFor(EmailSecurity security, int port) => security switch
    {
        EmailSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        EmailSecurity.StartTls => SecureSocketOptions.StartTls,
        EmailSecurity.None => SecureSocketOptions.None,
        _ => port switch
        {
            465 => SecureSocketOptions.SslOnConnect,
            587 => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        },
    };
}
