using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SysMedic.Core.Config;
using SysMedic.Core.Protocol;

namespace SysMedic.Tui.Connection;

/// <summary>
/// The operator's hosts, newest first, in <c>$XDG_CONFIG_HOME/sysmedic/hosts.yaml</c> (default <c>~/.config</c>): those
/// named with <c>sysmedic hosts add</c> (or the console's Fleet &gt; Add host), kept until removed, and the relays this
/// console connected to, remembered automatically, the oldest dropped past <see cref="MaxHosts"/>. The file holds
/// secrets: it is written atomically with mode 0600.
/// </summary>
public static class RecentHosts
{
    /// <summary>Hosts remembered at connect (without a name) kept; the oldest goes first. Named hosts do not count.</summary>
    public const int MaxHosts = 20;

    /// <summary>The longest name <see cref="IsValidName"/> accepts, in characters.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The file for the current user.</summary>
    public static string DefaultPath() => PathFor(Environment.GetEnvironmentVariable);

    /// <summary>The file for a user whose environment is <paramref name="env"/>.</summary>
    public static string PathFor(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        string home = env("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string configHome = env("XDG_CONFIG_HOME") is { Length: > 0 } c ? c : Path.Combine(home, ".config");
        return Path.Combine(configHome, "sysmedic", "hosts.yaml");
    }

    /// <summary>
    /// True when <paramref name="name"/> can name a host: 1 to 64 ASCII letters, digits, '.', '-' or '_', so that it
    /// is one word in a shell and in the file.
    /// </summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>
    /// The hosts in <paramref name="path"/>, newest first, for the console: none when the file is missing, unreadable or
    /// not YAML; an entry that cannot be used (no host, a bad port, no secret) is skipped.
    /// </summary>
    public static IReadOnlyList<RecentHost> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return Newest(RecentHostsReader.Parse(path, text, strict: false));
    }

    /// <summary>
    /// The hosts in <paramref name="path"/>, newest first, read strictly: none when the file does not exist, and a
    /// <see cref="HostsFileException"/> (<c>FILE:LINE: key: problem</c>) at the first mistake in it.
    /// </summary>
    /// <exception cref="HostsFileException">The file is not YAML or has a bad entry.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    public static IReadOnlyList<RecentHost> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }

        return Newest(RecentHostsReader.Parse(path, text, strict: true));
    }

    /// <summary>Writes <paramref name="hosts"/> to <paramref name="path"/> in their order (mode 0600, all at once).</summary>
    public static void Save(string path, IEnumerable<RecentHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var text = new StringBuilder();
        text.Append("# Hosts for sysmedic, newest first: those with a name were added by the operator (sysmedic hosts add) and stay\n");
        text.Append("# until removed; the others are relays this console connected to. Rewritten by sysmedic (comments are not kept).\n");
        text.Append("# It holds secrets: keep it 0600.\n");
        text.Append("hosts:\n");
        foreach (RecentHost h in hosts)
        {
            // "- " opens the entry on its first key; the name, when there is one, comes first as the fleet lists it.
            string open = "  - ";
            if (h.ExplicitName is { } name)
            {
                text.Append(CultureInfo.InvariantCulture, $"{open}name: {Quote(name)}\n");
                open = "    ";
            }

            text.Append(CultureInfo.InvariantCulture, $"{open}host: {Quote(h.Host)}\n");
            text.Append(CultureInfo.InvariantCulture, $"    port: {h.Port}\n");
            text.Append(CultureInfo.InvariantCulture, $"    tls: {(h.Tls ? "true" : "false")}\n");
            text.Append(h.SecretFile is { } file ? $"    secret_file: {Quote(file)}\n" : $"    secret: {Quote(h.Secret)}\n");
            text.Append(CultureInfo.InvariantCulture, $"    last_used: {h.LastUsed.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\n");
        }

        AtomicFile.Write(path, Encoding.UTF8.GetBytes(text.ToString()), @private: true);
    }

    /// <summary>
    /// Puts <paramref name="url"/> first in <paramref name="path"/>, used at <paramref name="now"/>. An entry for the
    /// same host and port is replaced; a named one keeps its name, host as written and secret file (its inline secret
    /// becomes the URL's). Past <see cref="MaxHosts"/> unnamed entries the oldest of them are dropped.
    /// </summary>
    /// <exception cref="HostsFileException">The file has a mistake: it is left as it is and nothing is remembered.</exception>
    public static IReadOnlyList<RecentHost> Remember(string path, QuickConnectUrl url, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(url);
        List<RecentHost> hosts = [.. Read(path)];
        RecentHost? match = hosts.FirstOrDefault(h => h.Named && h.IsAt(url.Host, url.Port)) ?? hosts.FirstOrDefault(h => h.IsAt(url.Host, url.Port));
        RecentHost entry = match is null
            ? new RecentHost(url.Host, url.Port, url.Tls, url.Secret, now)
            : match with
            {
                Host = match.Named ? match.Host : url.Host,
                Tls = url.Tls,
                Secret = match.SecretFile is null ? url.Secret : "",
                LastUsed = now,
            };

        // Other named entries at the same address are the operator's (two names for one relay): they stay.
        hosts.RemoveAll(h => h.IsAt(url.Host, url.Port) && (!h.Named || ReferenceEquals(h, match)));
        hosts.Insert(0, entry);
        DropOldestUnnamed(hosts);
        Save(path, hosts);
        return hosts;
    }

    /// <summary>
    /// Adds the host <paramref name="name"/> at <paramref name="url"/> to <paramref name="path"/>, first, used at
    /// <paramref name="now"/>, with the URL's secret inline or, when <paramref name="secretFile"/> is given, that file's
    /// full path (read at each connect; the URL then has no secret). An unnamed entry for the same host and port is
    /// replaced by it. Nothing is written when it fails.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not <see cref="IsValidName"/>, or the secret is given twice or not at all.</exception>
    /// <exception cref="InvalidOperationException">The name is taken, the relay is already there under another name, or the secret file cannot be read.</exception>
    /// <exception cref="HostsFileException">The file has a mistake.</exception>
    public static RecentHost Add(string path, string name, QuickConnectUrl url, string? secretFile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a host name: use 1-{MaxNameLength} letters, digits, '.', '-' or '_'", nameof(name));
        }

        if (secretFile is null == (url.Secret.Length == 0))
        {
            throw new ArgumentException("give the secret once: in the URL or as a secret file", nameof(secretFile));
        }

        string? fullSecretFile = secretFile is null ? null : Path.GetFullPath(secretFile);
        if (fullSecretFile is not null && !SecretFileReader.TryRead(fullSecretFile, out _, out string? reason))
        {
            throw new InvalidOperationException($"secret file {fullSecretFile}: {reason}");
        }

        List<RecentHost> hosts = [.. Read(path)];
        if (hosts.FirstOrDefault(h => string.Equals(h.ExplicitName, name, StringComparison.OrdinalIgnoreCase)) is { } taken)
        {
            throw new InvalidOperationException($"{path} already has a host named {taken.ExplicitName} ({taken.Host}:{taken.Port}); "
                + $"choose another name, or remove it first with sysmedic hosts remove {taken.ExplicitName}");
        }

        if (hosts.FirstOrDefault(h => h.Named && h.IsAt(url.Host, url.Port)) is { } same)
        {
            throw new InvalidOperationException($"{path} already has {same.Host}:{same.Port} as {same.ExplicitName}");
        }

        var entry = new RecentHost(url.Host, url.Port, url.Tls, fullSecretFile is null ? url.Secret : "", now) { ExplicitName = name, SecretFile = fullSecretFile };
        hosts.RemoveAll(h => h.IsAt(url.Host, url.Port));
        hosts.Insert(0, entry);
        Save(path, hosts);
        return entry;
    }

    /// <summary>
    /// Removes the host named <paramref name="name"/> (case aside) from <paramref name="path"/>; without one, the
    /// unnamed entries at that address. False, and the file untouched, when there is none.
    /// </summary>
    /// <exception cref="HostsFileException">The file has a mistake: it is left as it is.</exception>
    public static bool Remove(string path, string name)
    {
        List<RecentHost> hosts = [.. Read(path)];
        if (hosts.RemoveAll(h => string.Equals(h.ExplicitName, name, StringComparison.OrdinalIgnoreCase)) == 0
            && hosts.RemoveAll(h => !h.Named && string.Equals(h.Host, name, StringComparison.OrdinalIgnoreCase)) == 0)
        {
            return false;
        }

        Save(path, hosts);
        return true;
    }

    // Stable: entries used at the same moment keep the file's order.
    private static RecentHost[] Newest(List<RecentHost> hosts) => [.. hosts.OrderByDescending(h => h.LastUsed)];

    // The list is newest first, so the oldest unnamed entries are the last ones.
    private static void DropOldestUnnamed(List<RecentHost> hosts)
    {
        int unnamed = hosts.Count(h => !h.Named);
        for (int i = hosts.Count - 1; i >= 0 && unnamed > MaxHosts; i--)
        {
            if (!hosts[i].Named)
            {
                hosts.RemoveAt(i);
                unnamed--;
            }
        }
    }

    // A JSON string is a valid YAML double-quoted scalar: every character that needs it is escaped.
    private static string Quote(string value) => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
}
