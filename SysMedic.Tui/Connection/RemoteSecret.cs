using System.Diagnostics.CodeAnalysis;
using SysMedic.Core.Protocol;

namespace SysMedic.Tui.Connection;

/// <summary>
/// Where <c>sysmedic --connect</c> finds a relay's secret. A secret in the URL is visible to every local user for as
/// long as the console runs (ps, <c>/proc/PID/cmdline</c>), so the URL may leave it out, <c>sysmedic://HOST:PORT/</c>,
/// and the secret comes from, in this order: <c>--secret-file FILE</c>, the <c>SYSMEDIC_SECRET</c> environment
/// variable, or the hosts file (<see cref="RecentHosts"/>) for the same host and port (its secret, or its secret file
/// read now). A secret in the URL still works, with a warning.
/// </summary>
public static class RemoteSecret
{
    /// <summary>The environment variable that may hold the secret.</summary>
    public const string Variable = "SYSMEDIC_SECRET";

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

            warnings.WriteLine(CommandLineWarning("--connect", "while the console runs", address, ", or from hosts.yaml, where this connection is remembered"));
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
        else if (env(Variable) is { Length: > 0 } fromEnvironment)
        {
            secret = fromEnvironment.Trim();
        }
        else if (!TryFromRecentHosts(address, env, out secret, out problem))
        {
            return false;
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

    /// <summary>
    /// The warning for a secret typed in a URL on the command line (<paramref name="argument"/>), which every local user
    /// can read in ps <paramref name="exposure"/>; it shows the address to give instead and the other ways to give the secret.
    /// </summary>
    internal static string CommandLineWarning(string argument, string exposure, QuickConnectUrl address, string otherWays) =>
        $"sysmedic: warning: the secret in {argument} is visible to every local user (ps, /proc/PID/cmdline) {exposure}; "
        + $"give {address.ToAddressString()} and the secret with --secret-file FILE or {Variable}{otherWays}";

    private static bool TryReadFile(string path, TextWriter warnings, [NotNullWhen(true)] out string? secret, [NotNullWhen(false)] out string? problem)
    {
        if (!SecretFileReader.TryRead(path, out secret, out string? reason))
        {
            problem = $"--secret-file {path}: {reason}";
            return false;
        }

        SecretFileReader.WarnIfShared(path, warnings);
        problem = null;
        return true;
    }

    // A remembered relay's secret, or null; a host whose secret file cannot be read is a problem naming the file.
    private static bool TryFromRecentHosts(QuickConnectUrl address, Func<string, string?> env, out string? secret, [NotNullWhen(false)] out string? problem)
    {
        secret = null;
        problem = null;
        string path = RecentHosts.PathFor(env);
        IReadOnlyList<RecentHost> hosts = RecentHosts.Load(path);
        if ((hosts.FirstOrDefault(h => h.Named && h.IsAt(address.Host, address.Port)) ?? hosts.FirstOrDefault(h => h.IsAt(address.Host, address.Port))) is not { } host)
        {
            return true;
        }

        if (!host.TryGetUrl(out QuickConnectUrl? url, out problem))
        {
            problem = $"{path}: {problem}";
            return false;
        }

        secret = url.Secret;
        return true;
    }
}
