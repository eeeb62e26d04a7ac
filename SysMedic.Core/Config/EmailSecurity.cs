namespace SysMedic.Core.Config;

/// <summary>How the SMTP connection is protected.</summary>
public enum EmailSecurity
{
    /// <summary>Implicit TLS on port 465, STARTTLS on any other port.</summary>
    Auto,

    /// <summary>Plain connection upgraded with STARTTLS (required).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS).</summary>
    Ssl,

    /// <summary>No encryption at all.</summary>
    None,
}
