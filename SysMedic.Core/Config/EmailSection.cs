namespace SysMedic.Core.Config;

/// <summary>The <c>email</c> section: where alert mail goes and how it is sent.</summary>
public sealed record EmailSection
{
    /// <summary>Whether alerts are mailed.</summary>
    public bool Enabled { get; init; }

    /// <summary>The SMTP server's host name.</summary>
    public string SmtpHost { get; init; } = "";

    /// <summary>The SMTP server's TCP port.</summary>
    public int SmtpPort { get; init; } = 587;

    /// <summary>How the connection is protected.</summary>
    public EmailSecurity Security { get; init; } = EmailSecurity.Auto;

    /// <summary>The sender address.</summary>
    public string FromEmail { get; init; } = "";

    /// <summary>The recipients; at least one when <see cref="Enabled"/>.</summary>
    public IReadOnlyList<string> ToEmails { get; init; } = [];

    /// <summary>The SMTP user; empty means no SMTP AUTH.</summary>
    public string Username { get; init; } = "";

    /// <summary>The SMTP password.</summary>
    public string Password { get; init; } = "";

    /// <summary>
    /// Whether the server's TLS certificate is checked (chain, name, dates). False is an explicit escape hatch for a
    /// server with a self-signed certificate; the connection is still encrypted but no longer authenticated.
    /// </summary>
    public bool TlsVerify { get; init; } = true;

    /// <summary>Whether SMTP AUTH is used (a user name is set).</summary>
    public bool UsesAuthentication => Username.Length > 0;
}
