using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views.Tables;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>Every user the filtering rules show, sortable by any column; Enter opens the user's drill-down.</summary>
public sealed class UsersView : View
{
    private readonly TextBlock _bar;
    private int _count;

    public UsersView(ISysMedicConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        // Thresholds and features are read at each refresh: an agent sends them with its snapshots, and File >
        // Connect can replace the connection.
        Table = new SortedTable<UserUsage>(UserColumns.Full(() => connection.Thresholds, u => PersistentSince(connection, u)), UserColumns.Key, UserColumns.Cpu)
        {
            X = 0,
            Y = 1,
            Width = Dim.Fill(),
            Height = Dim.Fill(),
        };
        _bar = new TextBlock { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        Add(_bar, Table);
        Table.RowOpened += (_, user) => UserOpened?.Invoke(this, user.Username);
        Table.SortChanged += (_, _) => UpdateBar();
        UpdateBar();
    }

    /// <summary>Enter on a user row.</summary>
    public event EventHandler<string>? UserOpened;

    /// <summary>The users table.</summary>
    public SortedTable<UserUsage> Table { get; }

    /// <summary>The status line above the table.</summary>
    public string BarText => _bar.Content;

    /// <summary>Shows the users of <paramref name="snapshot"/>.</summary>
    public void Show(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _count = snapshot.Users.Count;
        Table.SetRows(snapshot.Users);
        UpdateBar();
    }

    /// <summary>When the agent says the user became persistent (UTC, sortable as text), "-" when not, or what it needs.</summary>
    private static string PersistentSince(ISysMedicConnection connection, UserUsage user) =>
        connection.PersistentSince.TryGetValue(user.Username, out DateTimeOffset since)
            ? since.UtcDateTime.ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : connection.Features.HasFlag(ConnectionFeatures.StoredHistory) ? "-" : "needs the agent";

    private void UpdateBar() =>
        _bar.Content = $"{Units.Count(_count, "user")}, by {Table.SortHeader}{(_count == 0 ? " (system accounts are hidden)" : "")}   Enter: user detail  < > sort  r reverse  * own threshold";
}
