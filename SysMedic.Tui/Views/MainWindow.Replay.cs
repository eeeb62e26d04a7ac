using SysMedic.Core.Alerts;
using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;

namespace SysMedic.Tui.Views;

/// <summary>
/// Replay: a past moment (a recorded check) shown on every screen in place of the live feed: its figures, its users
/// and the processes recorded then, ended ones included. <c>[</c>/<c>]</c> step to the check before or after; Esc or
/// <c>p</c> return to live.
/// </summary>
public sealed partial class MainWindow
{
    /// <summary>How far back from a replayed moment the dashboard lists the alerts raised.</summary>
    public static readonly TimeSpan ReplayAlertSpan = TimeSpan.FromMinutes(30);

    private Screen _replayFrom = Screen.History;
    private IReadOnlyList<Alert>? _alertsThen;

    /// <summary>The moment shown instead of the live feed, or null when live.</summary>
    public RecordedMoment? Replaying { get; private set; }

    /// <summary>True while the screens show a fixed moment: paused, or replaying.</summary>
    public bool Frozen => Paused || Replaying is not null;

    /// <summary>Asks the connection for the moment at or before <paramref name="at"/> and shows it; says why not when it has none.</summary>
    public void Replay(DateTimeOffset at)
    {
        if (!_connection.Features.HasFlag(ConnectionFeatures.Replay))
        {
            History.SetNotice("replay: this agent records no moments (it is older than sysmedic's replay)");
            return;
        }

        DateTimeOffset? shown = Replaying?.At;
        OnUiThread(_connection.GetMomentAsync(at), t =>
        {
            if (!t.IsCompletedSuccessfully)
            {
                // Stepping back past the first moment kept leaves the oldest on screen and says so.
                string why = t.Exception?.InnerException?.Message ?? "request cancelled";
                if (Replaying is { } current && current.At == shown)
                {
                    Header.SetReplay(current, "none earlier");
                }
                else
                {
                    History.SetNotice($"replay {Local(at)}: {why}");
                }

                return;
            }

            if (shown == t.Result.At && at > t.Result.At)
            {
                Header.SetReplay(t.Result, "the newest recorded");
                return;
            }

            ShowMoment(t.Result);
        });
    }

    /// <summary>Leaves replay: the live feed is shown again, on the screen replay was started from.</summary>
    public void ExitReplay()
    {
        if (Replaying is null)
        {
            return;
        }

        Replaying = null;
        _alertsThen = null;
        Header.SetReplay(null);
        LoadChartHistory();
        ShowAlertLists();
        if (_connection.Latest is { } latest && !Paused)
        {
            Apply(latest);
        }

        ShowScreen(_replayFrom);
    }

    private void ShowMoment(RecordedMoment moment)
    {
        if (Replaying is null)
        {
            _replayFrom = Current;
        }

        Replaying = moment;
        Header.SetReplay(moment);
        Apply(moment.Snapshot);
        ShowReplayAlerts();
        ShowScreen(Current is Screen.History or Screen.Alerts ? Screen.Dashboard : Current);
        if (_alertsThen is null && _connection.Features.HasFlag(ConnectionFeatures.Alerts))
        {
            OnUiThread(_connection.GetAlertsAsync(includeResolved: true), t =>
            {
                if (t.IsCompletedSuccessfully && Replaying is not null)
                {
                    _alertsThen = t.Result;
                    ShowReplayAlerts();
                }
            });
        }
    }

    /// <summary><c>g</c> on History: asks for a time, then puts the cursor there and replays it.</summary>
    public void OpenGoTo()
    {
        if (App is not { } app)
        {
            return;
        }

        // A text that does not read as a time opens the form again with it and the reason.
        string text = "", problem = "";
        DateTimeOffset at;
        while (true)
        {
            string? typed;
            using (var dialog = new GoToTimeDialog(text, problem))
            {
                dialog.SetScheme(Theme.ToScheme());
                app.Run(dialog);
                typed = dialog.Typed;
            }

            if (typed is null)
            {
                return;
            }

            if (MomentTime.TryParse(typed, DateTimeOffset.Now, TimeZoneInfo.Local, out at, out problem))
            {
                break;
            }

            text = typed;
        }

        History.PlaceCursor(at);
        Replay(at);
    }

    // `[` and `]` while replaying: the check before or after the one shown.
    private bool StepReplay(bool forward)
    {
        if (Replaying is not { } moment)
        {
            return false;
        }

        Replay(forward ? moment.At + moment.Window + TimeSpan.FromSeconds(1) : moment.At - TimeSpan.FromSeconds(1));
        return true;
    }

    private void ShowReplayAlerts()
    {
        if (Replaying is not { } moment)
        {
            return;
        }

        IReadOnlyList<Alert> known = _alertsThen ?? _alerts.All;
        Dashboard.SetAlertsText(RaisedBefore(known, moment.At));
    }

    /// <summary>The dashboard's alerts line for a replayed moment: the alerts raised in the <see cref="ReplayAlertSpan"/> before <paramref name="at"/>.</summary>
    public static string RaisedBefore(IReadOnlyList<Alert> alerts, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        Alert[] then = [.. alerts.Where(a => a.Type != AlertType.Recovery && a.Timestamp <= at && a.Timestamp > at - ReplayAlertSpan).OrderByDescending(a => a.Timestamp)];
        string span = $"{Local(at - ReplayAlertSpan)}-{Local(at)}";
        if (then.Length == 0)
        {
            return $"Alerts raised {span}: none";
        }

        IEnumerable<string> items = then.Take(3).Select(a => $"[{a.Severity.ToKey()}] {Local(a.Timestamp)} {a.Message}{(a.IsResolved ? " (resolved)" : "")}");
        return SafeText.ForTerminal($"Alerts raised {span} ({then.Length}): {string.Join("  |  ", items)}");
    }

    private static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
