using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SysMedic.Core.Formatting;
using SysMedic.Core.Protocol;
using SysMedic.Tui.Connection;

namespace SysMedic.Tui.Commands;

/// <summary>
/// <c>sysmedic hosts [list] [--json] | add NAME URL [--secret-file FILE] | remove NAME</c>: the operator's hosts in
/// hosts.yaml (<see cref="RecentHosts"/>), which the console's Connect form and fleet list. A file with a mistake is
/// reported with its line and never rewritten.
/// </summary>
public static class HostsCommand
{
    private static readonly Option<bool> Json = CliOptions.Json();

    public static Command Create()
    {
        var command = new Command("hosts", "Add, remove and list the hosts in hosts.yaml that the console connects to");
        Command list = List();
        command.Subcommands.Add(list);
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        foreach (Option option in list.Options)
        {
            command.Options.Add(option);
        }

        // `sysmedic hosts` alone lists, as `hosts list` does.
        command.Action = list.Action;
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "Your name for the host: 1-64 letters, digits, '.', '-' or '_' (e.g. web01)" };
        var url = new Argument<string>("URL") { Description = "The relay, as --connect takes it: sysmedic://HOST:PORT/ (sysmedics:// for TLS)" };
        var secretFile = new Option<string?>("--secret-file")
        {
            Description = "Read the relay's secret from this file at each connect (hosts.yaml keeps the path); else SYSMEDIC_SECRET, or the URL",
        };
        var command = new Command("add", "Add a host with its secret (from --secret-file, SYSMEDIC_SECRET or the URL)");
        command.Arguments.Add(name);
        command.Arguments.Add(url);
        command.Options.Add(secretFile);
        command.SetAction(parsed => ExecuteAdd(RecentHosts.DefaultPath(), parsed.GetValue(name)!, parsed.GetValue(url)!, parsed.GetValue(secretFile),
            Environment.GetEnvironmentVariable, parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Adds <paramref name="name"/> at <paramref name="urlText"/> to <paramref name="path"/>; returns the exit code.</summary>
    public static int ExecuteAdd(string path, string name, string urlText, string? secretFile, Func<string, string?> env, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(output);
        if (!RecentHosts.IsValidName(name))
        {
            throw new CliUsageException($"hosts add: '{name}' is not a host name: use 1-{RecentHosts.MaxNameLength} letters, digits, '.', '-' or '_'");
        }

        if (!QuickConnectUrl.TryParseAddress(urlText, out QuickConnectUrl? url, out string? problem))
        {
            throw new CliUsageException($"hosts add: {problem}");
        }

        string? file = null;
        if (url.Secret.Length > 0)
        {
            if (secretFile is not null)
            {
                throw new CliUsageException("hosts add: the secret is given both in the URL and with --secret-file; give it once, with --secret-file");
            }

            error.WriteLine(RemoteSecret.CommandLineWarning("the URL", "while this command runs, and it stays in your shell's history", url, ""));
        }
        else if (secretFile is not null)
        {
            file = Path.GetFullPath(secretFile);
            if (!SecretFileReader.TryRead(file, out _, out string? reason))
            {
                throw new CliUsageException($"hosts add: --secret-file {file}: {reason}");
            }

            SecretFileReader.WarnIfShared(file, error);
        }
        else if (env(RemoteSecret.Variable) is { Length: > 0 } fromEnvironment && fromEnvironment.Trim().Length > 0)
        {
            url = url with { Secret = fromEnvironment.Trim() };
        }
        else
        {
            throw new CliUsageException($"hosts add: no secret for {url.Host}:{url.Port}: give it with --secret-file FILE, in {RemoteSecret.Variable}, "
                + "or in the URL (sysmedic://SECRET@HOST:PORT/, which shows it in ps)");
        }

        RecentHost added = RecentHosts.Add(path, name, url, file, DateTimeOffset.UtcNow);
        output.WriteLine($"added {added.Name} ({added.Label}) to {path}");
        return SysMedicCli.Ok;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("NAME") { Description = "The host's name (or, for a host remembered at connect, its address)" };
        var command = new Command("remove", "Remove a host from hosts.yaml");
        command.Arguments.Add(name);
        command.SetAction(parsed =>
        {
            string path = RecentHosts.DefaultPath();
            string host = parsed.GetValue(name)!;
            if (!RecentHosts.Remove(path, host))
            {
                parsed.InvocationConfiguration.Error.WriteLine($"sysmedic: no host named {SafeText.ForTerminal(host)} in {path}");
                return SysMedicCli.Failed;
            }

            parsed.InvocationConfiguration.Output.WriteLine($"removed {SafeText.ForTerminal(host)} from {path}");
            return SysMedicCli.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "The hosts, newest first, and where each secret comes from (never the secret)");
        command.Options.Add(Json);
        command.SetAction(parsed => ExecuteList(RecentHosts.DefaultPath(), parsed.GetValue(Json), parsed.InvocationConfiguration.Output));
        return command;
    }

    /// <summary>Prints the hosts of <paramref name="path"/> as a table or JSON; returns the exit code.</summary>
    public static int ExecuteList(string path, bool json, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        List<HostInfo> hosts = [.. RecentHosts.Read(path).Select(Describe)];
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(hosts, CliJsonContext.Default.ListHostInfo));
            return SysMedicCli.Ok;
        }

        if (hosts.Count == 0)
        {
            output.WriteLine($"no hosts in {path}; add one with sysmedic hosts add NAME URL");
            return SysMedicCli.Ok;
        }

        string[][] rows =
        [
            ["NAME", "ADDRESS", "SECRET", "LAST USED (UTC)"],
            .. hosts.Select(h => new[]
            {
                SafeText.ForTerminal(h.Name),
                SafeText.ForTerminal($"{h.Host}:{h.Port}{(h.Tls ? " TLS" : "")}"),
                h.SecretFile is null ? "inline" : SafeText.ForTerminal($"file {h.SecretFile}{(h.SecretError is null ? "" : $" (unreadable: {h.SecretError})")}"),
                h.LastUsed is { } used ? used.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never",
            }),
        ];
        int[] widths = [.. Enumerable.Range(0, 3).Select(c => rows.Max(r => r[c].Length))];
        foreach (string[] row in rows)
        {
            output.WriteLine($"{row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadRight(widths[2])}  {row[3]}");
        }

        return SysMedicCli.Ok;
    }

    // The secret file is read to say whether it can be; what it holds is dropped here.
    private static HostInfo Describe(RecentHost h)
    {
        string? reason = null;
        if (h.SecretFile is { } file)
        {
            _ = SecretFileReader.TryRead(file, out _, out reason);
        }

        return new HostInfo(h.Name, h.Named, h.Host, h.Port, h.Tls, h.SecretFile is null ? "inline" : "file", h.SecretFile, reason,
            h.LastUsed == DateTimeOffset.UnixEpoch ? null : h.LastUsed);
    }
}
