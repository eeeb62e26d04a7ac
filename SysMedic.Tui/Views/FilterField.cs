using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// The text filter of a table screen (<c>/</c>): typed over the screen's bar after "Filter:", applied as it is typed;
/// Enter keeps it and gives the table the keyboard back, Esc drops it.
/// </summary>
public sealed class FilterField : TextField
{
    private readonly TextBlock _bar;
    private readonly View _table;
    private readonly Action _apply;
    private readonly Action _closed;

    /// <summary>
    /// A filter over <paramref name="bar"/> for <paramref name="table"/>: <paramref name="apply"/> runs at each change
    /// of <see cref="Filter"/>, <paramref name="closed"/> once the field is closed (to write the bar again).
    /// </summary>
    public FilterField(TextBlock bar, View table, Action apply, Action closed)
    {
        _bar = bar;
        _table = table;
        _apply = apply;
        _closed = closed;
        X = 8;
        Y = Pos.Top(bar);
        Width = 24;
        Visible = false;
        ValueChanged += (_, _) =>
        {
            Filter = Text ?? "";
            _apply();
        };
        Accepting += (_, e) =>
        {
            End(clear: false);
            e.Handled = true;
        };
    }

    /// <summary>The text filter in force; empty shows every row.</summary>
    public string Filter { get; private set; } = "";

    /// <summary>Opens the field with the filter in force and gives it the keyboard.</summary>
    public void Begin()
    {
        Visible = true;
        Text = Filter;
        _bar.Content = "Filter:";
        SetFocus();
    }

    /// <summary>Closes the field; <paramref name="clear"/> also drops the filter.</summary>
    public void End(bool clear)
    {
        if (clear)
        {
            Filter = "";
            _apply();
        }

        Visible = false;
        _table.SetFocus();
        _closed();
    }

    /// <summary>Esc: closes the field and drops the filter; false when there was none.</summary>
    public bool HandleEscape()
    {
        if (!Visible && Filter.Length == 0)
        {
            return false;
        }

        End(clear: true);
        return true;
    }
}
