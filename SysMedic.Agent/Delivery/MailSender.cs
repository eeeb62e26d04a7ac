using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SysMedic.Core.Config;
using SysMedic.Core.Storage;

namespace SysMedic.Agent.Delivery;

/// <summary>Mails one alert over SMTP with MailKit, with the settings of the <c>email</c> section in force.</summary>
public sealed class MailSender
{
    /// <summary>The header carrying the alert's id, so a mailbox rule or a test can tell alerts apart.</summary>
    public const string AlertIdHeader = "X-SysMedic-Alert-Id";

    /// <summary>The longest wait for any one step (connect, TLS, AUTH, sending).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _timeout;

    public MailSender(TimeSpan? timeout = null)
    {
        _timeout = timeout ?? DefaultTimeout;
    }

    /// <summary>
    /// The message as sent: From, To, Subject, the alert id header, and text and HTML alternatives. With
    /// <paramref name="queued"/>, its Message-ID is the same at every attempt, so a mailbox can drop the repeat an
    /// agent killed between the server's OK and recording it would send.
    /// </summary>
    public static MimeMessage Compose(EmailSection email, EmailPayload payload, OutboxMessage? queued = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(email.FromEmail));
        foreach (string to in email.ToEmails)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = payload.Subject;
        if (queued is not null)
        {
            message.MessageId = string.Create(CultureInfo.InvariantCulture, $"sysmedic.{queued.Id}.{queued.CreatedAt.ToUnixTimeSeconds()}@{MailDomain(email)}");
        }

        message.Headers.Add(AlertIdHeader, payload.AlertId.ToString(CultureInfo.InvariantCulture));
        message.Body = new BodyBuilder { TextBody = payload.Text, HtmlBody = payload.Html }.ToMessageBody();
        return message;
    }

    /// <summary>Sends <paramref name="payload"/> (queued as <paramref name="queued"/>); throws <see cref="DeliveryException"/> saying what went wrong.</summary>
    public async Task SendAsync(EmailSection email, EmailPayload payload, OutboxMessage? queued, CancellationToken cancellationToken)
    {
        if (email.SmtpHost.Length == 0 || email.FromEmail.Length == 0 || email.ToEmails.Count == 0)
        {
            throw new DeliveryException("email.smtp_host, email.from_email and email.to_emails must all be set");
        }

        MimeMessage message;
        try
        {
            message = Compose(email, payload, queued);
        }
        catch (ParseException ex)
        {
            throw new DeliveryException($"an address in email.from_email or email.to_emails is not valid: {ex.Message}", ex);
        }

        using var client = new SmtpClient { Timeout = (int)_timeout.TotalMilliseconds };
        if (!email.TlsVerify)
        {
            // The explicit escape hatch (email.tls_verify: false): any certificate is accepted. The connection stays
            // encrypted but is no longer authenticated; docs/alerts.md says so.
#pragma warning disable CA5359
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        string server = $"{email.SmtpHost}:{email.SmtpPort}";
        try
        {
            await client.ConnectAsync(email.SmtpHost, email.SmtpPort, SmtpSecurity.OptionsFor(email.Security, email.SmtpPort), cancellationToken).ConfigureAwait(false);
            if (email.UsesAuthentication && !client.IsSecure && email.Security != EmailSecurity.None)
            {
                // auto on a port other than 465 and 587 takes STARTTLS only when offered; a password still never
                // goes out in clear text unless the operator chose email.security: none.
                throw new DeliveryException($"{server} offers no STARTTLS; the password is not sent in clear text (set email.security: none to allow it)");
            }

            if (email.UsesAuthentication)
            {
                await client.AuthenticateAsync(email.Username, email.Password, cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not DeliveryException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            bool unreachable = ex is SocketException or TimeoutException or OperationCanceledException;
            throw new DeliveryException(Describe(ex, server, email, _timeout), ex, unreachable);
        }
    }

    private static string Describe(Exception ex, string server, EmailSection email, TimeSpan timeout) => ex switch
    {
        SslHandshakeException => $"the TLS certificate of {server} was refused ({OneLine(ex.Message)}); " +
            "install a trusted certificate on the server, or set email.tls_verify: false to accept it anyway",
        SocketException socket => $"cannot connect to {server}: {socket.Message}",
        AuthenticationException => $"{server} refused the login of \"{email.Username}\": {ex.Message}",
        SmtpCommandException command => $"{server} refused the message: {(int)command.StatusCode} {command.Message}",
        SmtpProtocolException => $"{server} broke the SMTP conversation: {ex.Message}",
        NotSupportedException => $"{server} does not offer what email.security asks for: {ex.Message}",
        TimeoutException or OperationCanceledException => $"{server} did not answer within {timeout.TotalSeconds:0.#} s",
        ServiceNotConnectedException or IOException => $"the connection to {server} was lost: {ex.Message}",
        _ => $"sending through {server} failed: {ex.Message}",
    };

    // The sender's domain, as RFC 5322 asks of a Message-ID's right part.
    private static string MailDomain(EmailSection email)
    {
        int at = email.FromEmail.LastIndexOf('@');
        return at >= 0 && at < email.FromEmail.Length - 1 ? email.FromEmail[(at + 1)..] : Environment.MachineName;
    }

    // MailKit explains a refused certificate over several lines (one per reason); a log line needs one.
    private static string OneLine(string text) =>
        string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
