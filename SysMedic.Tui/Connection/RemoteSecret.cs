using System.Diagnostics.CodeAnalysis;
using SysMedic.Core.Protocol;

namespace SysMedic.Tui.Connection;

/// <summary>
/// Where <c>sysmedic --connect</c> finds a relay's secret. A secret in the URL is visible to every local user for as
/// long as the console runs (ps, <c>/proc/PID/cmdline</c>), so the URL may leave it out, <c>sysmedic://HOST:PORT/</c>,
/// and the secret comes from, in this order: <c>--secret-file FILE</c>, the <c>SYSMEDIC_SECRET</c> environment
/// variable, or the recent hosts file (<see cref="RecentHosts"/>) for the same host and port. A secret in the URL
/// still works, with a warning.
/// </summary>
public static class RemoteSecret
{
    /// <summary>The environment variable that may hold the secret.</summary>
    public const string Variable = "SYSMEDIC_SECRET";

    private const UnixFileMode GroupOrOther = (UnixFileMode)0b000_111_111;

    /// <summary>
    /// The URL to connect to, with its secret, from <paramref name="text"/> and the sources above (<paramref name="env"/>
    /// reads the environment, and the recent hosts file's place); warnings go to <paramref name="warnings"/>. On failure
    /// <paramref name="problem"/> says what is wrong and how to give the secret.
    /// </summary>
    public static bool TryResolve(string text, string? secretFile, Func<string, string?> env, TextWriter warnings,
        [NotNullWhen(true)] out QuickConnectUrl? url, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(warnings);
        url = null;
        if (!QuickConnectUrl.TryParseAddress(text, out QuickConnectUrl? address, out problem))
        {
            return false;
        }

        if (address.Secret.Length > 0)
        {
            if (secretFile is not null)
            {
                problem = "the secret is given both in the URL and with --secret-file; give it once, with --secret-file";
                return false;
            }

            warnings.WriteLine($"sysmedic: warning: the secret in --connect is visible to every local user (ps, /proc/PID/cmdline) while the console runs; "
                + $"give {address.ToAddressString()} and the secret with --secret-file FILE or {Variable}, or from hosts.yaml, where this connection is remembered");
            url = address;
            return true;
        }

        string? secret;
        if (secretFile is not null)
        {
            if (!TryReadFile(secretFile, warnings, out secret, out problem))
            {
                return false;
            }
        }
        else
        {
            secret = env(Variable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim() : FromRecentHosts(address, env);
        }

        if (string.IsNullOrEmpty(secret))
        {
            problem = $"no secret for {address.Host}:{address.Port}: give it with --secret-file FILE or {Variable}, or connect once from the console's "
                + "Connect form (File > Connect), which keeps it in hosts.yaml";
            return false;
        }

        url = address with { Secret = secret };
        return true;
    }

    private static bool TryReadFile(string path, TextWriter warnings, [NotNullWhen(true)] out string? secret, [NotNullWhen(false)] out string? problem)
    {
        secret = null;
        try
        {
            secret = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"--secret-file {path}: {(ex is UnauthorizedAccessException ? "permission denied" : ex.Message)}";
            return false;
        }

        if (secret.Length == 0)
        {
            problem = $"--secret-file {path}: the file is empty";
            secret = null;
            return false;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            warnings.WriteLine($"sysmedic: warning: {path} holds a secret but others may read it; run: chmod 600 {path}");
        }

        problem = null;
        return true;
    }

    private static string? FromRecentHosts(QuickConnectUrl address, Func<string, string?> env) =>
        RecentHosts.Load(RecentHosts.PathFor(env))
            .FirstOrDefault(h => string.Equals(h.Host, address.Host, StringComparison.OrdinalIgnoreCase) && h.Port == address.Port)?.Secret;
}
