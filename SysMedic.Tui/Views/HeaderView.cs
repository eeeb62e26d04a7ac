using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using TgAttribute = Terminal.Gui.Drawing.Attribute;

namespace SysMedic.Tui.Views;

/// <summary>
/// Two lines: host, kernel, CPUs, uptime and the status badge in its colour; then the connection and whether the
/// display is paused.
/// </summary>
public sealed class HeaderView : View
{
    private readonly ISysMedicConnection _connection;
    private Snapshot? _snapshot;
    private bool _paused;
    private string _replay = "";
    private string? _fleetLine1;
    private string? _fleetLine2;
    private string _fleetHost = "";
    private string? _hostDrawn;
    private string? _connectionDrawn;

    public HeaderView(ISysMedicConnection connection)
    {
        _connection = connection;
        CanFocus = false;
        Height = 2;
    }

    /// <summary>Shows <paramref name="snapshot"/>'s uptime and status.</summary>
    public void Show(Snapshot snapshot)
    {
        _snapshot = snapshot;
        SetNeedsDraw();
    }

    /// <summary>Shows or hides the paused marker.</summary>
    public void SetPaused(bool paused)
    {
        _paused = paused;
        SetNeedsDraw();
    }

    /// <summary>
    /// Shows the replay marker for <paramref name="moment"/> (null: live again); <paramref name="note"/> says more
    /// (the newest recorded, the oldest kept).
    /// </summary>
    public void SetReplay(RecordedMoment? moment, string? note = null)
    {
        _replay = moment is null ? "" : string.Create(
            CultureInfo.InvariantCulture,
            $" REPLAY {TimeZoneInfo.ConvertTime(moment.At, TimeZoneInfo.Local):yyyy-MM-dd HH:mm:ss}{(note is null ? "" : ", " + note)} ([ ] step, Esc: live) ");
        SetNeedsDraw();
    }

    /// <summary>On a fleet screen: the two lines say what the fleet is (null: this connection's header again).</summary>
    public void SetFleet(string? line1, string? line2)
    {
        _fleetLine1 = line1;
        _fleetLine2 = line2;
        SetNeedsDraw();
    }

    /// <summary>A fleet host's console is shown: the marker names it and the way back (null: none).</summary>
    public void SetFleetHost(string? name)
    {
        _fleetHost = name is null ? "" : $" FLEET {SafeText.ForTerminal(name)} (Esc: fleet) ";
        SetNeedsDraw();
    }

    /// <summary>The marker at the end of the second line: replay, paused, the fleet host shown, or nothing.</summary>
    public string Marker => _replay.Length > 0 ? _replay : _paused ? " PAUSED (p) " : _fleetHost;

    private bool FleetShown => _fleetLine1 is not null;

    /// <summary>The first line's text, without the badge.</summary>
    public string HostLine()
    {
        if (_fleetLine1 is { } fleet)
        {
            return SafeText.ForTerminal(fleet);
        }

        HostInfo host = _connection.Host;
        string uptime = _snapshot is null ? "" : "  up " + Units.Duration(TimeSpan.FromSeconds(_snapshot.System.UptimeSeconds));
        return SafeText.ForTerminal(string.Create(CultureInfo.InvariantCulture, $" {host.Hostname}  Linux {host.Kernel}  {host.CpuCount} CPUs{uptime}"));
    }

    /// <summary>The second line's text.</summary>
    public string ConnectionLine()
    {
        if (_fleetLine2 is { } fleet)
        {
            return SafeText.ForTerminal(fleet);
        }

        // An agent connection says its state itself (reconnecting since when, and why); the embedded one starts only once.
        string state = _connection.Kind == ConnectionKind.Embedded && _connection.State == ConnectionState.Connecting ? "starting: " : "";
        return SafeText.ForTerminal($" {state}{_connection.Description}");
    }

    protected override bool OnClearingViewport() => true;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        if (width <= 0)
        {
            return true;
        }

        TgAttribute normal = GetAttributeForRole(VisualRole.Normal);
        TgAttribute hot = GetAttributeForRole(VisualRole.HotNormal);
        string badge = _snapshot is null || FleetShown ? "" : " " + _snapshot.Status.ToDisplay() + " ";
        string paused = FleetShown ? "" : Marker;

        // Every cell is painted here (no clearing first), and of the text only what changed since the last frame.
        string host = Fit(HostLine(), width - badge.Length);
        CellWriter.Write(this, 0, host, _hostDrawn, hot);
        _hostDrawn = host;
        if (badge.Length > 0 && _snapshot is not null)
        {
            SetAttribute(ConsoleTheme.StatusAttribute(_snapshot.Status));
            AddStr(width - badge.Length, 0, badge);
        }

        string connection = Fit(ConnectionLine(), width - paused.Length);
        CellWriter.Write(this, 1, connection, _connectionDrawn, normal);
        _connectionDrawn = connection;
        if (paused.Length > 0)
        {
            SetAttribute(ConsoleTheme.StatusAttribute(SystemStatus.Medium));
            AddStr(width - paused.Length, 1, paused);
        }

        return true;
    }

    /// <summary><paramref name="text"/> cut with an ellipsis or padded to exactly <paramref name="width"/> cells.</summary>
    public static string Fit(string text, int width)
    {
        if (width <= 0)
        {
            return "";
        }

        return text.Length <= width ? text.PadRight(width) : string.Concat(text.AsSpan(0, width - 1), "…");
    }
}
