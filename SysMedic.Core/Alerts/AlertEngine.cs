using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Alerts;

/// <summary>
/// Decides which alerts a check raises. Only changes alert: a condition alerts when it starts or gets more severe,
/// and a recovery is raised when a condition that alerted clears. The same alert (type, subject and severity) is
/// not raised again within the suppress window, so a flapping condition mails once. System conditions, per metric:
/// Low over 60% of the threshold, High over it, Critical over it with persistent users. Users: Medium over their
/// own threshold, High once persistent. Recoveries are Low.
/// </summary>
public sealed class AlertEngine
{
    private readonly Dictionary<string, AlertSeverity> _systemLevel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);
    private readonly HashSet<string> _alerted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastRaised = new(StringComparer.Ordinal);
    private readonly AlertComposer _composer;

    /// <summary>An engine composing messages for <paramref name="hostname"/>.</summary>
    public AlertEngine(string hostname) => _composer = new AlertComposer(hostname);

    /// <summary>The de-duplication key of an alert.</summary>
    public static string KeyOf(AlertType type, string subject) => $"{type.ToKey()}|{subject}";

    /// <summary>The key <see cref="RestoreLastRaised"/> needs for an alert of this type, subject and severity.</summary>
    public static string KeyOf(AlertType type, string subject, AlertSeverity severity) => KeyOf(type, $"{subject}|{severity.ToKey()}");

    /// <summary>Restores when alerts were last raised (from storage), so a restart does not mail them again.</summary>
    public void RestoreLastRaised(IEnumerable<KeyValuePair<string, DateTimeOffset>> raised)
    {
        foreach (var (key, time) in raised)
        {
            if (!_lastRaised.TryGetValue(key, out DateTimeOffset known) || known < time)
            {
                _lastRaised[key] = time;
            }
        }
    }

    /// <summary>Judges one check and returns the alerts to store and send, most severe first.</summary>
    public IReadOnlyList<RaisedAlert> Evaluate(AlertInput input)
    {
        var raised = new List<RaisedAlert>();
        var context = new Context(input, raised);
        string[] persistent = [.. input.Tracker.Open.Where(e => e.Persistent).Select(e => e.Username).Distinct(StringComparer.Ordinal)];
        SystemWindow sys = input.Window.System;
        JudgeSystem(context, UsageMetric.Cpu, sys.CpuPercent.Average, input.Thresholds.SystemCpuPercent, persistent);
        JudgeSystem(context, UsageMetric.Memory, sys.MemoryPercent.Average, input.Thresholds.SystemMemoryPercent, persistent);
        JudgeUsers(context);
        JudgePersistent(context);
        raised.Sort(static (a, b) => b.Severity.CompareTo(a.Severity));
        return raised;
    }

    private void JudgeSystem(Context c, UsageMetric metric, double value, double threshold, string[] persistent)
    {
        string subject = $"system:{metric.ToKey()}";
        AlertSeverity? level = value > threshold
            ? (persistent.Length > 0 ? AlertSeverity.Critical : AlertSeverity.High)
            : value > threshold * StatusClassifier.MediumFraction ? AlertSeverity.Low : null;
        AlertSeverity? before = _systemLevel.TryGetValue(subject, out AlertSeverity b) ? b : null;
        if (level is { } now && (before is null || now > before))
        {
            if (now >= AlertSeverity.High && (before is null || before < AlertSeverity.High))
            {
                _since[subject] = c.Window.Start;
            }

            string message = now == AlertSeverity.Low
                ? Inv($"{Cap(metric)} at {Units.Percent(value)}, approaching the {threshold:0.#}% threshold")
                : Inv($"{Cap(metric)} at {Units.Percent(value)} (threshold {threshold:0.#}%)")
                    + (now == AlertSeverity.Critical ? $" with persistent users: {string.Join(", ", persistent)}" : "");
            Raise(c, AlertType.System, now, subject, message, Minutes(c, subject), TopUser(c.Window, metric));
        }
        else if (before >= AlertSeverity.High && (level is null || level < AlertSeverity.High))
        {
            Recover(c, subject, Inv($"{Cap(metric)} back to {Units.Percent(value)} (threshold {threshold:0.#}%)"), Minutes(c, subject));
            _since.Remove(subject);
        }

        if (level is { } l)
        {
            _systemLevel[subject] = l;
        }
        else
        {
            _systemLevel.Remove(subject);
            _alerted.Remove(subject);
        }
    }

    private void JudgeUsers(Context c)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (UserWindow user in c.Window.Users)
        {
            UserThreshold t = c.Input.Thresholds.For(user.Username);
            JudgeUser(c, user.Username, UsageMetric.Cpu, user.CpuPercent.Average, t.CpuPercent, listed);
            JudgeUser(c, user.Username, UsageMetric.Memory, user.MemoryPercent.Average, t.MemoryPercent, listed);
        }

        foreach (string subject in _since.Keys.Where(k => k.StartsWith("user:", StringComparison.Ordinal) && !listed.Contains(k)).ToList())
        {
            string[] parts = subject.Split(':');
            Recover(c, subject, $"{parts[1]} is back under the {parts[2]} threshold", Minutes(c, subject));
            _since.Remove(subject);
        }
    }

    private void JudgeUser(Context c, string username, UsageMetric metric, double value, double threshold, HashSet<string> listed)
    {
        string subject = $"user:{username}:{metric.ToKey()}";
        bool wasOver = _since.ContainsKey(subject);
        if (value > threshold)
        {
            listed.Add(subject);
            if (!wasOver)
            {
                _since[subject] = c.Window.Start;
                Raise(c, AlertType.User, AlertSeverity.Medium, subject, Inv($"{username} uses {Units.Percent(value)} {metric.ToDisplay()} (threshold {threshold:0.#}%)"), Minutes(c, subject), username);
            }
        }
        else if (wasOver)
        {
            Recover(c, subject, Inv($"{username} is back under the {metric.ToDisplay()} threshold: {Units.Percent(value)} (threshold {threshold:0.#}%)"), Minutes(c, subject));
            _since.Remove(subject);
        }
    }

    private void JudgePersistent(Context c)
    {
        foreach (UserEpisode e in c.Input.Tracker.BecamePersistent)
        {
            UserThreshold t = c.Input.Thresholds.For(e.Username);
            double threshold = e.Metric == UsageMetric.Cpu ? t.CpuPercent : t.MemoryPercent;
            TimeSpan lasted = e.Duration(c.Window.End);
            string message = Inv($"{e.Username} has been over the {threshold:0.#}% {e.Metric.ToDisplay()} threshold for {Units.Duration(lasted)} (average {Units.Percent(e.AverageUsage)}, peak {Units.Percent(e.PeakUsage)})");
            Raise(c, AlertType.PersistentUser, AlertSeverity.High, $"persistent:{e.Subject}", message, (int)lasted.TotalMinutes, e.Username);
        }

        foreach (UserEpisode e in c.Input.Tracker.Ended.Where(e => e.Persistent))
        {
            TimeSpan lasted = e.Duration(c.Window.End);
            Recover(c, $"persistent:{e.Subject}", $"{e.Username} is no longer persistent on {e.Metric.ToDisplay()} after {Units.Duration(lasted)}", (int)lasted.TotalMinutes);
        }
    }

    private void Raise(Context c, AlertType type, AlertSeverity severity, string subject, string message, int minutes, string cause)
    {
        // Severity is part of the key: a Low warning does not hold back the High alert that follows it.
        string key = KeyOf(type, subject, severity);
        DateTimeOffset now = c.Window.End;
        if (_lastRaised.TryGetValue(key, out DateTimeOffset last) && now - last < c.Input.SuppressWindow)
        {
            return;
        }

        _lastRaised[key] = now;
        _alerted.Add(subject);
        c.Raised.Add(_composer.Compose(c.Input, type, severity, subject, message, minutes, cause));
    }

    private void Recover(Context c, string subject, string message, int minutes)
    {
        // Only a condition that alerted gets a recovery: a suppressed one never told anybody it started.
        if (_alerted.Remove(subject))
        {
            Raise(c, AlertType.Recovery, AlertSeverity.Low, subject, message, minutes, "");
        }
    }

    private int Minutes(Context c, string subject) =>
        _since.TryGetValue(subject, out DateTimeOffset since) ? (int)Math.Max(0, (c.Window.End - since).TotalMinutes) : 0;

    private static string TopUser(WindowSummary window, UsageMetric metric)
    {
        UserWindow? top = window.Users.MaxBy(u => metric == UsageMetric.Cpu ? u.CpuPercent.Average : u.MemoryPercent.Average);
        return top is null ? "" : top.Username;
    }

    private static string Cap(UsageMetric metric) => metric == UsageMetric.Cpu ? "CPU" : "Memory";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record Context(AlertInput Input, List<RaisedAlert> Raised)
    {
        public WindowSummary Window => Input.Window;
    }
}
