using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Alerts;

/// <summary>The memory pressure rule of the engine (<see cref="MemoryPressureRule"/>).</summary>
public sealed partial class AlertEngine
{
    /// <summary>The subject of the memory pressure condition.</summary>
    public const string MemoryPressureSubject = "system:memory_pressure";

    // Over the threshold, the condition waits (Low, not raised) until it has lasted the rule's time, then raises
    // High; a dip under the threshold before then starts it again. Once raised, it clears as the others do (margin,
    // clearing time) with a recovery. A check with no pressure figures (no /proc/pressure) changes nothing.
    private void JudgeMemoryPressure(Context c)
    {
        MemoryPressureRule? rule = c.Input.MemoryPressure;
        PressureWindow? p = c.Window.System.Pressure;
        if (p is null || p.Seconds <= 0)
        {
            return;
        }

        double value = 100 * p.MemoryFullSeconds / p.Seconds;
        double threshold = rule?.ThresholdPercent ?? 0;
        string subject = MemoryPressureSubject;
        AlertCondition? before = _conditions.GetValueOrDefault(subject);
        if (threshold > 0 && value > threshold)
        {
            AlertCondition now = before is null ? new AlertCondition(subject, AlertSeverity.Low, c.Window.Start, Alerted: false) : before with { ClearingSince = null };
            _conditions[subject] = now;
            if (now.Level < AlertSeverity.High && c.Window.End - now.Since >= rule!.For)
            {
                _conditions[subject] = now with { Level = AlertSeverity.High };
                string message = Inv($"Memory pressure: all tasks stalled on memory {Formatting.Units.Percent(value)} of the time for {Formatting.Units.Duration(c.Window.End - now.Since)} (threshold {threshold:0.#}% for {rule.For.TotalMinutes:0} min)");
                Raise(c, AlertType.System, AlertSeverity.High, subject, message, Minutes(c, subject), TopUser(c.Window, UsageMetric.Memory));
            }

            return;
        }

        if (before is null)
        {
            return;
        }

        if (before.Level < AlertSeverity.High)
        {
            // It never lasted long enough to alert: it ends at once.
            _conditions.Remove(subject);
            return;
        }

        if (threshold > 0 && value > c.Input.Clearing.ClearingValue(threshold))
        {
            _conditions[subject] = before with { ClearingSince = null };
        }
        else if (Cleared(c, subject, before))
        {
            Recover(c, subject, Inv($"Memory pressure back to {Formatting.Units.Percent(value)} (threshold {threshold:0.#}%)"), Minutes(c, subject));
        }
    }
}
