using System.Globalization;
using System.Text;
using SysMedic.Core.Alerts;
using SysMedic.Core.Formatting;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views.Tables;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// F3: the agent's alerts, unresolved first, the severity in its colour, and the details of the selected one below.
/// Enter asks to resolve the selected alert; <c>a</c> shows or hides resolved alerts.
/// </summary>
public sealed class AlertsView : View
{
    private readonly ISysMedicConnection _connection;
    private readonly TextBlock _bar;
    private readonly BoxPanel _detailsFrame;
    private readonly TextBlock _details;
    private IReadOnlyList<Alert> _alerts = [];
    private string _notice = "";
    private string _loadError = "";

    public AlertsView(ISysMedicConnection connection)
    {
        _connection = connection;
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        _bar = new TextBlock { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        Table = new SortedTable<Alert>(AlertColumns.All, AlertColumns.Key, AlertColumns.Status, AlertColumns.ById)
        {
            X = 0,
            Y = 1,
            Width = Dim.Fill(),
            Height = Dim.Percent(55),
            Filter = a => ShowResolved || !a.IsResolved,
            KeyPreview = OnTableKey,
        };
        _detailsFrame = new BoxPanel("Details") { X = 0, Y = Pos.Bottom(Table), Width = Dim.Fill(), Height = Dim.Fill(), CanFocus = false };
        _details = new TextBlock();
        _detailsFrame.Hold(_details);
        Add(_bar, Table, _detailsFrame);
        Table.RowOpened += (_, alert) => ResolveRequested?.Invoke(this, alert);
        Table.SelectionChanged += (_, _) => ShowDetails();
        Table.SortChanged += (_, _) => UpdateBar();
        Update();
    }

    /// <summary>Enter on an alert (or Alerts &gt; Resolve).</summary>
    public event EventHandler<Alert>? ResolveRequested;

    /// <summary>Enter with alerts tagged (Space): resolve them all with one note.</summary>
    public event EventHandler? ResolveTaggedRequested;

    /// <summary><c>a</c> was pressed: the screen wants resolved alerts too, or no longer.</summary>
    public event EventHandler? ShowResolvedChanged;

    /// <summary>The alerts table.</summary>
    public SortedTable<Alert> Table { get; }

    /// <summary>True when resolved alerts are listed too.</summary>
    public bool ShowResolved { get; private set; }

    /// <summary>The line above the table.</summary>
    public string BarText => _bar.Content;

    /// <summary>The details pane's text.</summary>
    public string DetailsText => _details.Content;

    /// <summary>Shows <paramref name="alerts"/>, keeping the selection.</summary>
    public void Show(IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        _alerts = alerts;
        Update();
    }

    /// <summary>Shows resolved alerts too, or not.</summary>
    public void SetShowResolved(bool show)
    {
        ShowResolved = show;
        Update();
        ShowResolvedChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>The last resolution's outcome, shown above the table.</summary>
    public void SetNotice(string notice)
    {
        _notice = notice;
        UpdateBar();
    }

    /// <summary>Why the list could not be loaded; empty once it was.</summary>
    public void SetLoadError(string error)
    {
        _loadError = error;
        UpdateBar();
    }

    /// <summary>The alerts Enter resolves: the tagged ones when any are, else the selected one.</summary>
    public IReadOnlyList<Alert> Targets()
    {
        if (Table.Rows.Tags.Count > 0)
        {
            return [.. Table.Shown.Where(Table.Rows.IsTagged)];
        }

        return Table.Selected is { } selected ? [selected] : [];
    }

    /// <summary>Untags every alert (after they were resolved).</summary>
    public void ClearTags()
    {
        Table.Rows.Tags.Clear();
        Table.Refresh();
        UpdateBar();
    }

    private bool OnTableKey(Key key)
    {
        if (key == Key.A)
        {
            SetShowResolved(!ShowResolved);
            return true;
        }

        if (key == Key.Space)
        {
            if (Table.Selected is { } selected)
            {
                _ = Table.Rows.Tags.Toggle(AlertColumns.Key(selected));
                Table.Select(Table.Rows.SelectedIndex + 1);
                Table.Refresh();
                UpdateBar();
            }

            return true;
        }

        if (key == Key.U.WithShift)
        {
            ClearTags();
            return true;
        }

        if (key == Key.Enter && Table.Rows.Tags.Count > 0)
        {
            ResolveTaggedRequested?.Invoke(this, EventArgs.Empty);
            return true;
        }

        return false;
    }

    private void Update()
    {
        Table.Rows.Tags.KeepOnly(_alerts.Select(AlertColumns.Key));
        Table.SetRows(_alerts);
        UpdateBar();
        ShowDetails();
    }

    private void UpdateBar()
    {
        if (!_connection.Features.HasFlag(ConnectionFeatures.Alerts))
        {
            _bar.Content = "Alerts: " + AgentRequiredException.Hint + ". The embedded sampler watches, but raises no alerts.";
            return;
        }

        int open = _alerts.Count(a => !a.IsResolved);
        string shown = ShowResolved ? $"{open} unresolved, {_alerts.Count - open} resolved" : $"{open} unresolved";
        // The outcome of a resolution comes first: on a narrow terminal the end of the line is cut.
        string notice = string.Concat(_loadError.Length > 0 ? "could not load alerts: " + _loadError + " | " : "", _notice.Length > 0 ? _notice + " | " : "");
        string tagged = Table.Rows.Tags.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {Table.Rows.Tags.Count} tagged");
        _bar.Content = $"{notice}{shown}{tagged}, by {Table.SortHeader}   Enter: resolve  Space: tag  a: {(ShowResolved ? "hide" : "show")} resolved";
    }

    private void ShowDetails()
    {
        if (Table.Selected is not { } a)
        {
            _details.Content = _connection.Features.HasFlag(ConnectionFeatures.Alerts) ? "No alert selected." : "";
            return;
        }

        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"Alert {a.Id}  {a.Severity.ToKey()}  {a.Type.ToKey()}  {a.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC\n");
        text.Append(SafeText.ForTerminal(a.Message)).Append('\n');
        text.Append(c, $"System CPU {Units.Percent(a.SystemCpuPercent)}, memory {Units.Percent(a.SystemMemoryPercent)}; lasted {a.DurationMinutes} min\n");
        if (a.PrimaryCause.Length > 0)
        {
            text.Append("Cause: ").Append(SafeText.ForTerminal(a.PrimaryCause)).Append('\n');
        }

        text.Append(a.ResolvedAt is { } at
            ? string.Create(c, $"Resolved {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {SafeText.ForTerminal(a.ResolvedBy ?? "")}: {SafeText.ForTerminal(a.ResolutionNote ?? "")}\n")
            : "Unresolved - Enter to resolve\n");
        foreach (string line in a.UserDetails.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append("  ").Append(SafeText.ForTerminal(line)).Append('\n');
        }

        _details.Content = text.ToString().TrimEnd('\n');
    }
}
