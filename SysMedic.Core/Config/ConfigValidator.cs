namespace SysMedic.Core.Config;

/// <summary>Checks beyond one value's kind: what email needs when enabled, TLS files in pairs and readable, the relay's bind address.</summary>
internal static class ConfigValidator
{
    public static void Check(SysMedicConfig config, string file, IReadOnlyDictionary<string, ConfigOrigin> origins, List<ConfigDiagnostic> diagnostics)
    {
        void Error(string path, string blame, string message)
        {
            // The problem is reported where the value was set, or else where the setting that needs it was set.
            var origin = origins.GetValueOrDefault(path) ?? origins.GetValueOrDefault(blame) ?? ConfigOrigin.Default;
            string source = origin.Source == ConfigSource.Environment ? origin.Location : file;
            diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, source, origin.Line, origin.Column, path, message));
        }

        var email = config.Email;
        if (email.Enabled)
        {
            if (email.ToEmails.Count == 0)
            {
                Error("email.to_emails", "email.enabled", "is empty, but email.enabled is true: give at least one address, e.g. [\"admin@example.com\"]");
            }

            if (email.SmtpHost.Length == 0)
            {
                Error("email.smtp_host", "email.enabled", "is empty, but email.enabled is true: name the SMTP server");
            }

            if (email.FromEmail.Length == 0)
            {
                Error("email.from_email", "email.enabled", "is empty, but email.enabled is true: give the sender address");
            }
        }

        var ws = config.WebSocket;
        if (!ConfigMapping.TryParseBind(ws.Bind, out _))
        {
            Error("websocket.bind", "websocket.bind", $"\"{ws.Bind}\" is not an IP address: use 0.0.0.0 (every address), ::, 127.0.0.1, a host's own address, or localhost");
        }

        if (ws.TlsCert.Length > 0 != ws.TlsKey.Length > 0)
        {
            string set = ws.TlsCert.Length > 0 ? "websocket.tls_cert" : "websocket.tls_key";
            string missing = ws.TlsCert.Length > 0 ? "websocket.tls_key" : "websocket.tls_cert";
            Error(set, set, $"is set but {missing} is not: give both (wss) or neither (ws)");
        }
        else if (ws.UsesTls)
        {
            CheckReadable("websocket.tls_cert", ws.TlsCert, Error);
            CheckReadable("websocket.tls_key", ws.TlsKey, Error);
        }
    }

    private static void CheckReadable(string path, string file, Action<string, string, string> error)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string why = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => ex.Message,
            };
            error(path, path, $"{ConfigYamlText.DoubleQuoted(file)} is not a readable file ({why})");
        }
    }
}
