using SysMedic.Tui.State;
using SysMedic.Tui.Views.Tables;
using Terminal.Gui.Input;

namespace SysMedic.Tui.Views;

/// <summary>
/// Keys of the processes view: <c>/</c> and <c>u</c>, Space / <c>c</c> / <c>U</c> (tag, with children, untag all),
/// <c>e</c> with <c>+</c> <c>-</c> (tree, unfold, fold) and <c>F</c> (follow) on the table; Enter and Esc in the
/// filter field; anything else goes to <see cref="ActionKey"/> (F9, F7, F8).
/// </summary>
public sealed partial class ProcessesView
{
    /// <summary>The owner's keys (signal, renice); returns true when it used the key.</summary>
    public Func<Key, bool>? ActionKey { get; set; }

    /// <summary>Esc: closes the filter field and drops the text filter; false when there was none.</summary>
    public bool HandleEscape() => _filter.HandleEscape();

    /// <summary>Runs the view's command for <paramref name="key"/>; false when it is not one of its keys.</summary>
    public bool HandleKey(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.AsRune.Value == '/')
        {
            BeginFilter();
            return true;
        }

        if (key == Key.U && _fixedUser is null)
        {
            ToggleUserFilter();
            return true;
        }

        if (key == Key.Space)
        {
            TagSelected(withChildren: false);
            return true;
        }

        if (key == Key.C)
        {
            TagSelected(withChildren: true);
            return true;
        }

        if (key == Key.U.WithShift)
        {
            Table.Rows.Tags.Clear();
            Table.Refresh();
            UpdateBar();
            return true;
        }

        return HandleTreeKey(key) || (ActionKey?.Invoke(key) ?? false);
    }

    private bool HandleTreeKey(Key key)
    {
        if (key == Key.E)
        {
            ToggleTree();
            return true;
        }

        if (key.AsRune.Value is '+' or '-' && TreeMode && Table.Selected is { } selected)
        {
            _ = key.AsRune.Value == '+' ? _tree.Unfold(selected.Pid) : _tree.Fold(selected.Pid);
            Table.Refresh();
            UpdateBar();
            return true;
        }

        if (key == Key.F.WithShift)
        {
            _notice = Table.Rows.StartFollowing() ? "" : "no process selected";
            UpdateBar();
            return true;
        }

        return false;
    }

    private void TagSelected(bool withChildren)
    {
        if (Table.Selected is not { } selected)
        {
            return;
        }

        if (withChildren)
        {
            Table.Rows.Tags.Add(ProcessTree.WithDescendants(selected.Pid, _processes).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        else
        {
            _ = Table.Rows.Tags.Toggle(ProcessColumns.Key(selected));
        }

        // As htop: the cursor moves on, so Space Space Space tags a run of rows.
        Table.Select(Table.Rows.SelectedIndex + 1);
        Table.Refresh();
        UpdateBar();
    }

    private void WireKeys()
    {
        Table.KeyPreview = HandleKey;
    }
}
