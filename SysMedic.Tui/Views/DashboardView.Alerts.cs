using SysMedic.Core.Alerts;
using SysMedic.Core.Formatting;
using SysMedic.Tui.Connection;

namespace SysMedic.Tui.Views;

/// <summary>The dashboard's last line: the latest unresolved alerts, newest first.</summary>
public sealed partial class DashboardView
{
    /// <summary>Shows the newest unresolved alerts of <paramref name="alerts"/> on one line.</summary>
    public void ShowAlerts(IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        Alert[] open = [.. alerts.Where(a => !a.IsResolved).OrderByDescending(a => a.Timestamp)];
        if (open.Length == 0)
        {
            SetAlertsText("Alerts: none unresolved");
            return;
        }

        IEnumerable<string> items = open.Take(3).Select(a => $"[{a.Severity.ToKey()}] {a.Timestamp.UtcDateTime:HH:mm} {a.Message}");
        SetAlertsText(SafeText.ForTerminal($"Alerts ({open.Length} unresolved, F3): {string.Join("  |  ", items)}"));
    }
}
