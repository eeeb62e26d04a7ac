using System.Globalization;
using System.Net;
using System.Text;
using SysMedic.Core.Formatting;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Alerts;

/// <summary>
/// Writes what an alert says: the status and figures of the host, the top users with their top processes, the
/// persistent users and how long, load and uptime, and concrete next steps naming users, processes and commands.
/// </summary>
public sealed class AlertComposer(string hostname)
{
    private const int TopUsers = 5;
    private const int TopProcesses = 3;

    /// <summary>Builds the alert with its text and HTML.</summary>
    public Alert Compose(AlertInput input, AlertType type, AlertSeverity severity, string subject, string message, int minutes, string cause)
    {
        WindowSummary w = input.Window;
        string title = $"[SysMedic] {severity.ToKey().ToUpperInvariant()} {hostname}: {message}";
        IReadOnlyList<string> users = UserLines(w);
        IReadOnlyList<string> persistent = PersistentLines(input);
        IReadOnlyList<string> advice = Recommendations(input, type, subject);

        var text = new StringBuilder();
        text.AppendLine(message).AppendLine();
        text.AppendLine(Inv($"Host:     {hostname}"));
        text.AppendLine(Inv($"Time:     {w.End.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"));
        text.AppendLine(Inv($"Severity: {severity.ToKey()}    Type: {type.ToKey()}"));
        text.AppendLine(Inv($"Status:   {StatusOf(input).ToDisplay()}"));
        text.AppendLine(Inv($"CPU:      {Units.Percent(w.System.CpuPercent.Average)} average, {Units.Percent(w.System.CpuPercent.Peak)} peak (threshold {input.Thresholds.SystemCpuPercent:0.#}%)"));
        text.AppendLine(Inv($"Memory:   {Units.Percent(w.System.MemoryPercent.Average)} average, {Units.Percent(w.System.MemoryPercent.Peak)} peak (threshold {input.Thresholds.SystemMemoryPercent:0.#}%)"));
        text.AppendLine(Inv($"Disk:     {Units.Percent(w.System.DiskPercent)}"));
        text.AppendLine(Inv($"Load:     {w.System.LoadAvg1:0.00} {w.System.LoadAvg5:0.00} {w.System.LoadAvg15:0.00}    Uptime: {Units.Duration(TimeSpan.FromSeconds(w.System.UptimeSeconds))}"));
        Section(text, "Top users", users);
        Section(text, "Persistent users", persistent);
        Section(text, "What to do", advice);

        var html = new StringBuilder();
        html.Append("<html><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Enc(message)}</h2><p><b>{Enc(severity.ToKey().ToUpperInvariant())}</b> on <b>{Enc(hostname)}</b> at {w.End.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</p>");
        html.Append("<pre>").Append(Enc(text.ToString())).Append("</pre></body></html>");

        return new Alert(
            0, w.End, type, severity, subject, message, w.System.CpuPercent.Average, w.System.MemoryPercent.Average, minutes, cause, string.Join('\n', users))
        {
            Content = new AlertContent(title, text.ToString(), html.ToString()),
        };
    }

    private static SystemStatus StatusOf(AlertInput input)
    {
        SystemWindow s = input.Window.System;
        var now = new SystemUsage(s.CpuPercent.Average, s.MemoryPercent.Average, 0, 0, s.DiskPercent, 0, 0, 0, 0, 0, 0, 1);
        var users = input.Window.Users.Select(u => new UserUsage(u.Username, u.Uid, u.CpuPercent.Average, u.MemoryPercent.Average, u.RssBytes, u.ProcessCount, u.Pids));
        int persistent = input.Tracker.Open.Where(e => e.Persistent).Select(e => e.Username).Distinct(StringComparer.Ordinal).Count();
        return StatusClassifier.Classify(now, users, input.Thresholds, persistent);
    }

    private static List<string> UserLines(WindowSummary w)
    {
        var lines = new List<string>();
        foreach (UserWindow u in w.Users.Take(TopUsers))
        {
            lines.Add(Inv($"{u.Username}: CPU {Units.Percent(u.CpuPercent.Average)} (peak {Units.Percent(u.CpuPercent.Peak)}), memory {Units.Percent(u.MemoryPercent.Average)}, {Units.Bytes(u.RssBytes)} in {u.ProcessCount} processes"));
            foreach (ProcessUsage p in TopProcessesOf(w, u.Uid))
            {
                lines.Add(Inv($"    pid {p.Pid} {SafeText.ForTerminal(p.Name)}: CPU {Units.Percent(p.CpuPercent)}, {Units.Bytes(p.RssBytes)} - {Cut(SafeText.ForTerminal(p.Cmdline), 80)}"));
            }
        }

        return lines;
    }

    private static IEnumerable<ProcessUsage> TopProcessesOf(WindowSummary w, uint uid) =>
        w.Last is null ? [] : w.Last.Processes.Where(p => p.Uid == uid).OrderByDescending(p => p.CpuPercent).ThenByDescending(p => p.RssBytes).Take(TopProcesses);

    private static List<string> PersistentLines(AlertInput input) =>
        [.. input.Tracker.Open.Where(e => e.Persistent).Select(e => Inv(
            $"{e.Username}: {e.Metric.ToDisplay()} over threshold for {Units.Duration(e.Duration(input.Window.End))} (average {Units.Percent(e.AverageUsage)}, peak {Units.Percent(e.PeakUsage)})"))];

    private static List<string> Recommendations(AlertInput input, AlertType type, string subject)
    {
        var advice = new List<string>();
        if (type == AlertType.Recovery)
        {
            advice.Add("Nothing to do: the condition has cleared. Resolve the open alerts with `sysmedic alerts resolve ID --note ...`.");
            return advice;
        }

        bool memory = subject.EndsWith(":memory", StringComparison.Ordinal) || subject == AlertEngine.MemoryPressureSubject;
        if (subject == AlertEngine.MemoryPressureSubject)
        {
            advice.Add("Tasks are waiting for memory (reclaim, swap-in, thrashing): watch `vmstat 5` (si/so) and `cat /proc/pressure/memory`; the users' slices show whose work stalls (`sysmedic report --json | jq '.users[] | {username, pressure}'`).");
        }

        WindowSummary w = input.Window;
        UserWindow? top = memory ? w.Users.MaxBy(u => u.MemoryPercent.Average) : w.Users.MaxBy(u => u.CpuPercent.Average);
        // Subjects are system:METRIC, user:NAME:METRIC or persistent:NAME:METRIC.
        string[] parts = subject.Split(':');
        string? named = parts.Length == 3 ? parts[1] : null;
        UserWindow? focus = named is null ? top : w.Users.FirstOrDefault(u => u.Username == named) ?? top;
        if (focus is null)
        {
            advice.Add(memory
                ? "No listed user stands out: look at services and the kernel (`ps -eo pid,user,rss,cmd --sort=-rss | head`, `slabtop -o | head`)."
                : "No listed user stands out: look at services and kernel threads (`top -o %CPU`, `ps -eo pid,user,pcpu,cmd --sort=-pcpu | head`).");
            return advice;
        }

        ProcessUsage? heaviest = TopProcessesOf(w, focus.Uid).FirstOrDefault();
        if (heaviest is not null)
        {
            advice.Add(Inv($"{focus.Username}'s heaviest process is pid {heaviest.Pid} ({SafeText.ForTerminal(heaviest.Name)}, CPU {Units.Percent(heaviest.CpuPercent)}, {Units.Bytes(heaviest.RssBytes)}): inspect it with `ps -o pid,etime,pcpu,rss,args -p {heaviest.Pid}`."));
        }

        advice.Add(memory
            ? Inv($"List {focus.Username}'s processes by memory: `ps -o pid,rss,args --sort=-rss -u {focus.Username} | head`; watch swap with `vmstat 5`.")
            : Inv($"Lower the priority of {focus.Username}'s work without stopping it: `renice -n 10 -u {focus.Username}`."));
        advice.Add(Inv($"Contact {focus.Username} before ending anything; if this is their normal workload, give them their own limit (`sysmedic config set user_thresholds.{focus.Username}.{(memory ? "memory" : "cpu")}_threshold N`) or a cgroup limit (`systemctl set-property user-{focus.Uid}.slice {(memory ? "MemoryMax=8G" : "CPUQuota=200%")}`)."));
        return advice;
    }

    private static void Section(StringBuilder sb, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        sb.AppendLine().AppendLine(title + ":");
        foreach (string line in lines)
        {
            sb.Append("  ").AppendLine(line);
        }
    }

    private static string Cut(string s, int width) => s.Length <= width ? s : string.Concat(s.AsSpan(0, width - 1), "…");

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
