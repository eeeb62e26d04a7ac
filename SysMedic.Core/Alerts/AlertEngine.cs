using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Alerts;

/// <summary>
/// Decides which alerts a check raises. Only changes alert: a condition alerts when it starts or gets more severe,
/// and a recovery is raised when a condition that alerted clears. A condition clears only once it has been under its
/// threshold by the clearing margin for the clearing time (<see cref="AlertClearing"/>), so a value hovering at a
/// threshold alerts once. The same alert (type, subject and severity) is not raised again within the suppress window.
/// System conditions, per metric: Low over 60% of the threshold, High over it, Critical over it with persistent
/// users. Users: Medium over their own threshold, High once persistent. Memory pressure: High once over its threshold
/// for the rule's time (<see cref="MemoryPressureRule"/>). Recoveries are Low. The conditions are
/// <see cref="Conditions"/>; stored and given back with <see cref="Restore"/>, a restart neither raises them again
/// nor loses their recovery.
/// </summary>
public sealed partial class AlertEngine
{
    private readonly SortedDictionary<string, AlertCondition> _conditions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastRaised = new(StringComparer.Ordinal);
    private readonly AlertComposer _composer;

    /// <summary>An engine composing messages for <paramref name="hostname"/>.</summary>
    public AlertEngine(string hostname) => _composer = new AlertComposer(hostname);

    /// <summary>The conditions being tracked now, by subject.</summary>
    public IReadOnlyList<AlertCondition> Conditions => [.. _conditions.Values];

    /// <summary>The de-duplication key of an alert.</summary>
    public static string KeyOf(AlertType type, string subject) => $"{type.ToKey()}|{subject}";

    /// <summary>The key <see cref="RestoreLastRaised"/> needs for an alert of this type, subject and severity.</summary>
    public static string KeyOf(AlertType type, string subject, AlertSeverity severity) => KeyOf(type, $"{subject}|{severity.ToKey()}");

    /// <summary>Restores when alerts were last raised (from storage), so a restart does not mail them again.</summary>
    public void RestoreLastRaised(IEnumerable<KeyValuePair<string, DateTimeOffset>> raised)
    {
        ArgumentNullException.ThrowIfNull(raised);
        foreach (var (key, time) in raised)
        {
            if (!_lastRaised.TryGetValue(key, out DateTimeOffset known) || known < time)
            {
                _lastRaised[key] = time;
            }
        }
    }

    /// <summary>Continues the conditions a previous run was tracking (from storage).</summary>
    public void Restore(IEnumerable<AlertCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (AlertCondition c in conditions)
        {
            _conditions[c.Subject] = c;
        }
    }

    /// <summary>Judges one check and returns the alerts to store and send, most severe first.</summary>
    public IReadOnlyList<Alert> Evaluate(AlertInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var raised = new List<Alert>();
        var context = new Context(input, raised);
        string[] persistent = [.. input.Tracker.Open.Where(e => e.Persistent).Select(e => e.Username).Distinct(StringComparer.Ordinal)];
        SystemWindow sys = input.Window.System;
        JudgeSystem(context, UsageMetric.Cpu, sys.CpuPercent.Average, input.Thresholds.SystemCpuPercent, persistent);
        JudgeSystem(context, UsageMetric.Memory, sys.MemoryPercent.Average, input.Thresholds.SystemMemoryPercent, persistent);
        JudgeMemoryPressure(context);
        JudgeUsers(context);
        JudgePersistent(context);
        raised.Sort(static (a, b) => b.Severity.CompareTo(a.Severity));
        return raised;
    }

    private static AlertSeverity? SystemLevel(double value, double threshold, string[] persistent) =>
        value > threshold
            ? (persistent.Length > 0 ? AlertSeverity.Critical : AlertSeverity.High)
            : value > threshold * StatusClassifier.MediumFraction ? AlertSeverity.Low : null;

    private void JudgeSystem(Context c, UsageMetric metric, double value, double threshold, string[] persistent)
    {
        string subject = $"system:{metric.ToKey()}";
        AlertSeverity? level = SystemLevel(value, threshold, persistent);
        AlertCondition? before = _conditions.GetValueOrDefault(subject);
        if (level is { } now && (before is null || now > before.Level))
        {
            // Rising: at once. The duration counts from when it first went over the threshold.
            DateTimeOffset since = before is not null && (before.Level >= AlertSeverity.High || now < AlertSeverity.High) ? before.Since : c.Window.Start;
            _conditions[subject] = new AlertCondition(subject, now, since, before?.Alerted ?? false);
            string message = now == AlertSeverity.Low
                ? Inv($"{Cap(metric)} at {Units.Percent(value)}, approaching the {threshold:0.#}% threshold")
                : Inv($"{Cap(metric)} at {Units.Percent(value)} (threshold {threshold:0.#}%)")
                    + (now == AlertSeverity.Critical ? $" with persistent users: {string.Join(", ", persistent)}" : "");
            Raise(c, AlertType.System, now, subject, message, Minutes(c, subject), TopUser(c.Window, metric));
            return;
        }

        if (before is null)
        {
            return;
        }

        // Falling: only to the level the value holds with every threshold lowered by the margin, and after the
        // clearing time; until then the condition stays where it was.
        AlertSeverity? lower = SystemLevel(value, c.Input.Clearing.ClearingValue(threshold), persistent);
        if (lower is { } l && l >= before.Level)
        {
            _conditions[subject] = before with { ClearingSince = null };
            return;
        }

        if (!Cleared(c, subject, before))
        {
            return;
        }

        if (lower >= AlertSeverity.High)
        {
            // Critical back to High: still over the threshold, so no recovery yet, and the one due later is kept.
            _conditions[subject] = before with { Level = lower.Value, ClearingSince = null };
            return;
        }

        if (before.Level >= AlertSeverity.High)
        {
            Recover(c, subject, Inv($"{Cap(metric)} back to {Units.Percent(value)} (threshold {threshold:0.#}%)"), Minutes(c, subject));
        }

        _conditions.Remove(subject);
        if (lower is { } kept)
        {
            _conditions[subject] = new AlertCondition(subject, kept, c.Window.Start, Alerted: false);
        }
    }

    private void JudgeUsers(Context c)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (UserWindow user in c.Window.Users)
        {
            UserThreshold t = c.Input.Thresholds.For(user.Username);
            JudgeUser(c, user.Username, UsageMetric.Cpu, user.CpuPercent.Average, t.CpuPercent, seen);
            JudgeUser(c, user.Username, UsageMetric.Memory, user.MemoryPercent.Average, t.MemoryPercent, seen);
        }

        // A user no longer listed (no processes, or under the tracking minimum) uses nothing.
        foreach (AlertCondition gone in _conditions.Values.Where(k => k.Subject.StartsWith("user:", StringComparison.Ordinal) && !seen.Contains(k.Subject)).ToList())
        {
            string[] parts = gone.Subject.Split(':');
            if (Cleared(c, gone.Subject, gone))
            {
                Recover(c, gone.Subject, $"{parts[1]} is back under the {parts[2]} threshold", Minutes(c, gone.Subject));
            }
        }
    }

    private void JudgeUser(Context c, string username, UsageMetric metric, double value, double threshold, HashSet<string> seen)
    {
        string subject = $"user:{username}:{metric.ToKey()}";
        seen.Add(subject);
        AlertCondition? before = _conditions.GetValueOrDefault(subject);
        if (value > threshold)
        {
            if (before is null)
            {
                _conditions[subject] = new AlertCondition(subject, AlertSeverity.Medium, c.Window.Start, Alerted: false);
                Raise(c, AlertType.User, AlertSeverity.Medium, subject, Inv($"{username} uses {Units.Percent(value)} {metric.ToDisplay()} (threshold {threshold:0.#}%)"), Minutes(c, subject), username);
            }
            else if (before.ClearingSince is not null)
            {
                _conditions[subject] = before with { ClearingSince = null };
            }

            return;
        }

        if (before is null)
        {
            return;
        }

        if (value > c.Input.Clearing.ClearingValue(threshold))
        {
            _conditions[subject] = before with { ClearingSince = null };
        }
        else if (Cleared(c, subject, before))
        {
            Recover(c, subject, Inv($"{username} is back under the {metric.ToDisplay()} threshold: {Units.Percent(value)} (threshold {threshold:0.#}%)"), Minutes(c, subject));
        }
    }

    private void JudgePersistent(Context c)
    {
        foreach (UserEpisode e in c.Input.Tracker.BecamePersistent)
        {
            UserThreshold t = c.Input.Thresholds.For(e.Username);
            double threshold = e.Metric == UsageMetric.Cpu ? t.CpuPercent : t.MemoryPercent;
            TimeSpan lasted = e.Duration(c.Window.End);
            string subject = $"persistent:{e.Subject}";
            string message = Inv($"{e.Username} has been over the {threshold:0.#}% {e.Metric.ToDisplay()} threshold for {Units.Duration(lasted)} (average {Units.Percent(e.AverageUsage)}, peak {Units.Percent(e.PeakUsage)})");
            _conditions[subject] = new AlertCondition(subject, AlertSeverity.High, e.StartTime, Alerted: false);
            Raise(c, AlertType.PersistentUser, AlertSeverity.High, subject, message, (int)lasted.TotalMinutes, e.Username);
        }

        // The tracker decides when an episode ends (its own rules and stored state); its condition ends with it.
        foreach (UserEpisode e in c.Input.Tracker.Ended.Where(e => e.Persistent))
        {
            TimeSpan lasted = e.Duration(c.Window.End);
            Recover(c, $"persistent:{e.Subject}", $"{e.Username} is no longer persistent on {e.Metric.ToDisplay()} after {Units.Duration(lasted)}", (int)lasted.TotalMinutes);
        }
    }

    // Whether a condition under its clearing value has been so long enough; starts its clearing time otherwise.
    private bool Cleared(Context c, string subject, AlertCondition condition)
    {
        DateTimeOffset since = condition.ClearingSince ?? c.Window.Start;
        if (c.Window.End - since >= c.Input.Clearing.After)
        {
            return true;
        }

        _conditions[subject] = condition with { ClearingSince = since };
        return false;
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
        if (_conditions.TryGetValue(subject, out AlertCondition? condition))
        {
            _conditions[subject] = condition with { Alerted = true };
        }

        c.Raised.Add(_composer.Compose(c.Input, type, severity, subject, message, minutes, cause));
    }

    // The condition ends; only one that alerted gets a recovery (a suppressed one never told anybody it started).
    private void Recover(Context c, string subject, string message, int minutes)
    {
        if (_conditions.Remove(subject, out AlertCondition? ended) && ended.Alerted)
        {
            Raise(c, AlertType.Recovery, AlertSeverity.Low, subject, message, minutes, "");
        }
    }

    private int Minutes(Context c, string subject) =>
        _conditions.TryGetValue(subject, out AlertCondition? condition) ? (int)Math.Max(0, (c.Window.End - condition.Since).TotalMinutes) : 0;

    private static string TopUser(WindowSummary window, UsageMetric metric)
    {
        UserWindow? top = window.Users.MaxBy(u => metric == UsageMetric.Cpu ? u.CpuPercent.Average : u.MemoryPercent.Average);
        return top is null ? "" : top.Username;
    }

    private static string Cap(UsageMetric metric) => metric == UsageMetric.Cpu ? "CPU" : "Memory";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record Context(AlertInput Input, List<Alert> Raised)
    {
        public WindowSummary Window => Input.Window;
    }
}
