using SysMedic.Core.Alerts;
using SysMedic.Core.Protocol;

namespace SysMedic.Bench.Fleet;

/// <summary>
/// A simulated host's alerts: a Heavy host has three unresolved (its persistent user, the system's CPU, the user's
/// CPU) and two resolved; some others one unresolved user alert. Resolving one through <c>resolve_alert</c> holds
/// for the rest of the run.
/// </summary>
public sealed class HostAlerts
{
    private readonly Lock _lock = new();
    private readonly List<AlertInfo> _alerts = [];

    /// <summary>The alerts of host number <paramref name="index"/>, raised before <paramref name="start"/>.</summary>
    public HostAlerts(int index, bool heavy, string busiestUser, DateTimeOffset start)
    {
        long id = (index * 1000L) + 1;
        if (heavy)
        {
            _alerts.Add(Alert(id++, start.AddMinutes(-180), AlertType.User, AlertSeverity.Medium, $"{busiestUser} uses 61.0% CPU (threshold 50%)", busiestUser, $"user:{busiestUser}:cpu", resolved: true));
            _alerts.Add(Alert(id++, start.AddMinutes(-150), AlertType.System, AlertSeverity.Medium, "System CPU 83.0% (threshold 80%)", busiestUser, "system:cpu", resolved: true));
            _alerts.Add(Alert(id++, start.AddMinutes(-42), AlertType.User, AlertSeverity.Medium, $"{busiestUser} uses 64.5% CPU (threshold 50%)", busiestUser, $"user:{busiestUser}:cpu", resolved: false));
            _alerts.Add(Alert(id++, start.AddMinutes(-35), AlertType.System, AlertSeverity.High, "System CPU 91.5% (threshold 80%)", busiestUser, "system:cpu", resolved: false));
            _alerts.Add(Alert(id, start.AddMinutes(-12), AlertType.PersistentUser, AlertSeverity.High, $"{busiestUser} over the CPU threshold for 30 minutes", busiestUser, $"persistent:{busiestUser}:cpu", resolved: false));
        }
        else if (index % 9 == 4)
        {
            _alerts.Add(Alert(id, start.AddMinutes(-7), AlertType.User, AlertSeverity.Low, $"{busiestUser} uses 52.0% memory (threshold 50%)", busiestUser, $"user:{busiestUser}:memory", resolved: false));
        }
    }

    /// <summary>How many are not resolved.</summary>
    public int Unresolved
    {
        get
        {
            lock (_lock)
            {
                return _alerts.Count(a => a.ResolvedAt is null);
            }
        }
    }

    /// <summary>As the <c>alerts</c> request answers: unresolved first, newest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<AlertInfo> List(bool all, int limit)
    {
        lock (_lock)
        {
            return [.. _alerts.Where(a => all || a.ResolvedAt is null)
                .OrderBy(a => a.ResolvedAt is null ? 0 : 1)
                .ThenByDescending(a => a.Timestamp)
                .Take(Math.Clamp(limit, 1, 1000))];
        }
    }

    /// <summary>Resolves alert <paramref name="id"/>; null and an error when there is none or it is resolved already.</summary>
    public AlertInfo? Resolve(string requestId, long id, string note, string by, DateTimeOffset now, out ErrorMessage? error)
    {
        lock (_lock)
        {
            int at = _alerts.FindIndex(a => a.Id == id);
            if (at < 0)
            {
                error = new ErrorMessage(requestId, ErrorMessage.NotFound, $"no alert {id}");
                return null;
            }

            if (_alerts[at].ResolvedAt is not null)
            {
                error = new ErrorMessage(requestId, ErrorMessage.BadRequest, $"alert {id} is resolved already");
                return null;
            }

            error = null;
            _alerts[at] = _alerts[at] with { ResolvedAt = now, ResolvedBy = by, ResolutionNote = note };
            return _alerts[at];
        }
    }

    private static AlertInfo Alert(long id, DateTimeOffset at, AlertType type, AlertSeverity severity, string message, string user, string subject, bool resolved) =>
        new(id, at, type, severity, message, type == AlertType.System ? 91.5 : 64.5, 58.25, 5, user, $"{user}: CPU 64.5%",
            resolved ? at.AddMinutes(20) : null, resolved ? "ops (remote 10.0.0.5)" : null, resolved ? "asked to renice" : null, subject);
}
