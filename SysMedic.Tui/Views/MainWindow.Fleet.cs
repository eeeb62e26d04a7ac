using System.Globalization;
using SysMedic.Core.Alerts;
using SysMedic.Core.Formatting;
using SysMedic.Tui.Commands;
using SysMedic.Tui.Connection;
using SysMedic.Tui.State;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// The fleet (<c>--fleet</c>, File &gt; Fleet): every host of hosts.yaml on one screen from its relay's summary feed,
/// the fleet's alerts, and a host's own console on Enter (Esc comes back).
/// </summary>
public sealed partial class MainWindow
{
    /// <summary>How often the fleet screen redraws its rows (the summaries arrive every relay's update interval).</summary>
    public static readonly TimeSpan FleetRefresh = TimeSpan.FromSeconds(2);

    private readonly List<FleetAlert> _fleetAlerts = [];
    private Fleet? _fleet;
    private object? _fleetTimer;
    private int _fleetSoon;
    private bool _homeQuiet;

    /// <summary>The fleet, once shown.</summary>
    public Fleet? Fleet => _fleet;

    /// <summary>The name of the fleet host whose console is shown (Enter on the fleet); null otherwise.</summary>
    public string? FleetHost { get; private set; }

    /// <summary>Makes the fleet's connections; tests give shorter retries.</summary>
    public Func<string, Fleet> FleetFactory { get; init; } = file => new Fleet(file);

    /// <summary>Shows the fleet screen, connecting to every host of <see cref="HostsFile"/> the first time.</summary>
    public void OpenFleet()
    {
        if (_fleet is null)
        {
            _fleet = FleetFactory(HostsFile);
            _fleet.LinkChanged += (_, _) => RefreshFleetSoon();
            _fleet.AlertChanged += OnFleetAlert;
            FleetScreen.HostsFile = HostsFile;
            _fleet.Start();
        }

        StartFleetTimer();
        if (FleetHost is not null)
        {
            LeaveFleetHost();
        }

        ShowScreen(Screen.Fleet);
    }

    /// <summary>Shows every fleet host's unresolved alerts, asking each connected host for them.</summary>
    public void OpenFleetAlerts()
    {
        if (_fleet is null)
        {
            OpenFleet();
        }

        ShowScreen(Screen.FleetAlerts);
        LoadFleetAlerts();
    }

    private static bool IsFleetScreen(Screen screen) => screen is Screen.Fleet or Screen.FleetAlerts;

    private void StartFleetTimer()
    {
        if (_fleetTimer is not null || App is not { } app)
        {
            return;
        }

        _fleetTimer = app.AddTimeout(FleetRefresh, () =>
        {
            // Ages tick even when no summary came: the screen redraws while shown, and costs nothing while hidden.
            if (Current == Screen.Fleet)
            {
                RefreshFleet();
            }

            return true;
        });
    }

    // A host's link changed: shown within a quarter second, however many hosts change together.
    private void RefreshFleetSoon()
    {
        if (Interlocked.Exchange(ref _fleetSoon, 1) == 1)
        {
            return;
        }

        App?.Invoke(() => App?.AddTimeout(TimeSpan.FromMilliseconds(250), () =>
        {
            Volatile.Write(ref _fleetSoon, 0);
            if (Current == Screen.Fleet)
            {
                RefreshFleet();
            }

            return false;
        }));
    }

    private void RefreshFleet()
    {
        if (_fleet is null)
        {
            return;
        }

        IReadOnlyList<FleetRow> rows = _fleet.Rows();
        FleetScreen.Show(rows);
        ShowFleetHeader(rows);
    }

    private void ShowFleetHeader(IReadOnlyList<FleetRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        int heavy = rows.Count(r => r.Live && r.Summary?.Status == Core.Health.SystemStatus.Heavy);
        int down = rows.Count(r => !r.Live && r.Link != FleetLink.Connecting);
        int alerts = rows.Where(r => r.Summary is not null).Sum(r => r.Summary!.UnresolvedAlerts);
        int persistent = rows.Where(r => r.Live).Sum(r => r.Summary!.PersistentUsers.Count);
        string line1 = string.Create(c, $" fleet  {Units.Count(rows.Count, "host")} from {HostsFile}");
        string line2 = string.Create(c, $" {heavy} heavy, {down} not seen, {Units.Count(alerts, "unresolved alert")}, {Units.Count(persistent, "persistent user")}");
        Header.SetFleet(line1, line2);
    }

    // Enter on a host: its own console, through its relay, on the snapshot feed; Esc comes back.
    private void OpenFleetHost(FleetRow row)
    {
        if (_connection is not ConnectionSwitch connections || _fleet?.Find(row.Name) is not { } member)
        {
            return;
        }

        if (member.Connection is not { } link)
        {
            FleetScreen.SetNotice($"{row.Name}: {row.Problem ?? "no connection"}");
            return;
        }

        FleetHost = member.Name;
        Header.SetFleetHost(member.Name);
        connections.ConnectRemote(link.Url);
        ShowScreen(Screen.Dashboard);
    }

    // Back to the fleet from a host's console: the host's own connection ends, this host's takes over again.
    private void LeaveFleetHost()
    {
        FleetHost = null;
        Header.SetFleetHost(null);
        if (_connection is ConnectionSwitch { Kind: ConnectionKind.Remote } connections)
        {
            connections.Disconnect();
        }
    }

    private void ReturnToFleet()
    {
        LeaveFleetHost();
        ShowScreen(Screen.Fleet);
    }

    // While a fleet screen is shown this host's own feed is not on screen: an embedded sampler slows down meanwhile.
    private void QuietHome(bool quiet)
    {
        if (quiet == _homeQuiet)
        {
            return;
        }

        _homeQuiet = quiet;
        _connection.SetDisplayPaused(quiet || Paused);
        if (!quiet)
        {
            Header.SetFleet(null, null);
        }
    }

    private void LoadFleetAlerts()
    {
        if (_fleet is null)
        {
            return;
        }

        FleetAlerts.SetLoading();
        var unread = new List<string>();
        var asked = new List<(FleetMember Member, Task<IReadOnlyList<Alert>> Alerts)>();
        foreach (FleetMember member in _fleet.Members)
        {
            if (member.Connection is { State: ConnectionState.Connected } link && member.Row.Live)
            {
                asked.Add((member, link.GetAlertsAsync(includeResolved: false)));
            }
            else
            {
                unread.Add($"{member.Name} ({member.Row.LinkText})");
            }
        }

        OnUiThread(Task.WhenAll(asked.Select(a => (Task)a.Alerts)).ContinueWith(_ => 0, TaskScheduler.Default), _ =>
        {
            _fleetAlerts.Clear();
            foreach ((FleetMember member, Task<IReadOnlyList<Alert>> alerts) in asked)
            {
                if (alerts.IsCompletedSuccessfully)
                {
                    _fleetAlerts.AddRange(alerts.Result.Where(a => !a.IsResolved).Select(a => new FleetAlert(member, a)));
                }
                else
                {
                    unread.Add($"{member.Name} ({alerts.Exception?.InnerException?.Message ?? "no answer"})");
                }
            }

            FleetAlerts.Show([.. _fleetAlerts], unread);
        });
    }

    private void OnFleetAlert(object? sender, FleetAlert alert) => App?.Invoke(() =>
    {
        _ = _fleetAlerts.RemoveAll(a => ReferenceEquals(a.Member, alert.Member) && a.Alert.Id == alert.Alert.Id);
        if (!alert.Alert.IsResolved)
        {
            _fleetAlerts.Add(alert);
        }

        if (Current == Screen.FleetAlerts)
        {
            FleetAlerts.Show([.. _fleetAlerts], []);
        }
    });

    private void OpenFleetResolve(FleetAlert target)
    {
        Alert alert = target.Alert;
        if (ReadOnly)
        {
            FleetAlerts.SetNotice(ProcessCommands.ReadOnlyNotice);
            return;
        }

        if (alert.Id <= 0)
        {
            FleetAlerts.SetNotice($"{target.Host}: this alert is not stored yet (the agent's storage is unavailable); it can be resolved once it is");
            return;
        }

        if (target.Member.Connection is not { } link || App is not { } app)
        {
            return;
        }

        if (AskResolution(app, [alert], target.Host) is not { } r)
        {
            return;
        }

        OnUiThread(link.ResolveAlertAsync(alert.Id, r.Note, r.By), t =>
        {
            if (t.IsCompletedSuccessfully && t.Result.Ok)
            {
                _ = _fleetAlerts.RemoveAll(a => ReferenceEquals(a.Member, target.Member) && a.Alert.Id == alert.Id);
                FleetAlerts.Show([.. _fleetAlerts], []);
                FleetAlerts.SetNotice($"{SafeText.ForTerminal(target.Host)}: {t.Result.Message}");
                return;
            }

            string error = t.IsCompletedSuccessfully ? t.Result.Message : t.Exception?.InnerException?.Message ?? "request cancelled";
            FleetAlerts.SetNotice($"{SafeText.ForTerminal(target.Host)}: not resolved: {error}");
            ShowModalLater(() => MessageBox.ErrorQuery(app, $"{SafeText.ForTerminal(target.Host)}: resolve alert {alert.Id}", error, "_OK"));
        });
    }

    /// <summary>File &gt; Fleet &gt; Add host: asks for a name and a relay and adds them to hosts.yaml.</summary>
    public void OpenAddHost()
    {
        if (App is not { } app)
        {
            return;
        }

        using var dialog = new AddHostDialog(HostsFile);
        dialog.SetScheme(Theme.ToScheme());
        app.Run(dialog);
        if (dialog.Added is not { } added)
        {
            return;
        }

        OpenFleet();
        _fleet!.Reload();
        FleetScreen.SetNotice($"added {SafeText.ForTerminal(added.Name)} ({added.Label})");
        RefreshFleet();
    }

    /// <summary>File &gt; Fleet &gt; Remove host: removes the host selected on the fleet screen from hosts.yaml, once confirmed.</summary>
    public void RemoveSelectedHost()
    {
        if (Current != Screen.Fleet)
        {
            OpenFleet();
        }

        if (FleetScreen.Table.Selected is not { } row || App is not { } app)
        {
            FleetScreen.SetNotice("no host selected");
            return;
        }

        using (var confirm = new ConfirmDialog("Remove host", $"Remove {SafeText.ForTerminal(row.Name)} ({row.Address}) from {HostsFile}?", "_Remove"))
        {
            confirm.SetScheme(Theme.ToScheme());
            app.Run(confirm);
            if (!confirm.Confirmed)
            {
                return;
            }
        }

        try
        {
            FleetScreen.SetNotice(RecentHosts.Remove(HostsFile, row.Name) ? $"removed {SafeText.ForTerminal(row.Name)}" : $"{SafeText.ForTerminal(row.Name)} is not in {HostsFile}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HostsFileException)
        {
            FleetScreen.SetNotice($"not removed: {ex.Message}");
            return;
        }

        _fleet!.Reload();
        RefreshFleet();
    }
}
