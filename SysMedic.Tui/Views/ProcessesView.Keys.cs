using Terminal.Gui.Input;

namespace SysMedic.Tui.Views;

/// <summary>Keys of the processes view: <c>/</c> and <c>u</c> on the table, Enter and Esc in the filter field.</summary>
public sealed partial class ProcessesView
{
    /// <summary>Esc: closes the filter field and drops the text filter; false when there was none.</summary>
    public bool HandleEscape()
    {
        if (!_filter.Visible && TextFilter.Length == 0)
        {
            return false;
        }

        EndFilter(clear: true);
        return true;
    }

    private void WireKeys()
    {
        Table.KeyPreview = TableKey;
        _filter.Accepting += (_, e) =>
        {
            EndFilter(clear: false);
            e.Handled = true;
        };
    }

    private bool TableKey(Key key)
    {
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

        return false;
    }
}
