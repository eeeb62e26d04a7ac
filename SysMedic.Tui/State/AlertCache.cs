using SysMedic.Core.Alerts;

namespace SysMedic.Tui.State;

/// <summary>
/// The console's one list of alerts, fed by list answers and by the agent's pushes. A list answer replaces the alerts
/// it covers (any unresolved one missing was resolved elsewhere), except those pushed after it was asked for: the
/// agent may raise an alert between reading its list and the console reading the answer. An alert the agent could
/// not store yet arrives with a provisional negative id and is replaced by its stored version when that is pushed.
/// One list request at a time.
/// </summary>
public sealed class AlertCache
{
    private readonly Dictionary<long, Alert> _byId = [];
    private readonly HashSet<long> _pushedSinceAsked = [];

    /// <summary>Every alert known, in no order.</summary>
    public IReadOnlyList<Alert> All => [.. _byId.Values];

    /// <summary>The alert with <paramref name="id"/>, or null.</summary>
    public Alert? Find(long id) => _byId.GetValueOrDefault(id);

    /// <summary>Forgets everything (another host is shown now).</summary>
    public void Clear()
    {
        _byId.Clear();
        _pushedSinceAsked.Clear();
    }

    /// <summary>A list request is being sent now.</summary>
    public void Asking() => _pushedSinceAsked.Clear();

    /// <summary>Takes the answer to a list request (resolved ones too when <paramref name="includesResolved"/>).</summary>
    public void Merge(IReadOnlyList<Alert> alerts, bool includesResolved)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        List<long> stale = [.. _byId.Values.Where(a => a.Id > 0 && (includesResolved || !a.IsResolved) && !_pushedSinceAsked.Contains(a.Id)).Select(a => a.Id)];
        stale.ForEach(id => _byId.Remove(id));
        foreach (Alert a in alerts.Where(a => !_pushedSinceAsked.Contains(a.Id)))
        {
            _byId[a.Id] = a;
        }
    }

    /// <summary>Takes an alert pushed by the agent (raised or resolved), or one resolved from this console.</summary>
    public void Remember(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Id > 0)
        {
            List<long> provisional = [.. _byId.Values.Where(a => a.Id < 0 && a.Type == alert.Type && a.Subject == alert.Subject && a.Timestamp == alert.Timestamp).Select(a => a.Id)];
            provisional.ForEach(id => _byId.Remove(id));
        }

        _byId[alert.Id] = alert;
        _ = _pushedSinceAsked.Add(alert.Id);
    }
}
