using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SysMedic.Core.Config;
using SysMedic.Core.Protocol;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SysMedic.Tui.Connection;

/// <summary>
/// The relays this user connected to, newest first, in <c>$XDG_CONFIG_HOME/sysmedic/hosts.yaml</c> (default
/// <c>~/.config</c>). The file holds secrets: it is written atomically with mode 0600.
/// </summary>
public static class RecentHosts
{
    /// <summary>Hosts kept; the oldest goes first.</summary>
    public const int MaxHosts = 20;

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

    /// <summary>The hosts in <paramref name="path"/>, newest first; none when it is missing or unreadable as YAML.</summary>
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

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException)
        {
            return [];
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("hosts"), out YamlNode? list) || list is not YamlSequenceNode hosts)
        {
            return [];
        }

        return [.. hosts.OfType<YamlMappingNode>().Select(Read).OfType<RecentHost>().OrderByDescending(h => h.LastUsed)];
    }

    /// <summary>Writes <paramref name="hosts"/> to <paramref name="path"/> (mode 0600, all at once).</summary>
    public static void Save(string path, IEnumerable<RecentHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var text = new StringBuilder();
        text.Append("# Relays this console connected to, newest first; written by sysmedic. It holds secrets: keep it 0600.\n");
        text.Append("hosts:\n");
        foreach (RecentHost h in hosts)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - host: {Quote(h.Host)}\n");
            text.Append(CultureInfo.InvariantCulture, $"    port: {h.Port}\n");
            text.Append(CultureInfo.InvariantCulture, $"    tls: {(h.Tls ? "true" : "false")}\n");
            text.Append(CultureInfo.InvariantCulture, $"    secret: {Quote(h.Secret)}\n");
            text.Append(CultureInfo.InvariantCulture, $"    last_used: {h.LastUsed.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\n");
        }

        AtomicFile.Write(path, Encoding.UTF8.GetBytes(text.ToString()), @private: true);
    }

    /// <summary>Puts <paramref name="url"/> first in <paramref name="path"/> (replacing the same host and port), used at <paramref name="now"/>.</summary>
    public static IReadOnlyList<RecentHost> Remember(string path, QuickConnectUrl url, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(url);
        var entry = new RecentHost(url.Host, url.Port, url.Tls, url.Secret, now);
        List<RecentHost> hosts = [entry, .. Load(path).Where(h => !(string.Equals(h.Host, url.Host, StringComparison.OrdinalIgnoreCase) && h.Port == url.Port))];
        if (hosts.Count > MaxHosts)
        {
            hosts.RemoveRange(MaxHosts, hosts.Count - MaxHosts);
        }

        Save(path, hosts);
        return hosts;
    }

    private static RecentHost? Read(YamlMappingNode node)
    {
        string? Scalar(string key) => node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) && v is YamlScalarNode s ? s.Value : null;

        if (Scalar("host") is not { Length: > 0 } host || Scalar("secret") is not { Length: > 0 } secret
            || !int.TryParse(Scalar("port"), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            return null;
        }

        bool tls = string.Equals(Scalar("tls"), "true", StringComparison.OrdinalIgnoreCase);
        DateTimeOffset used = DateTimeOffset.TryParse(Scalar("last_used"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : DateTimeOffset.UnixEpoch;
        return new RecentHost(host, port, tls, secret, used);
    }

    // A JSON string is a valid YAML double-quoted scalar: every character that needs it is escaped.
    private static string Quote(string value) => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
}
