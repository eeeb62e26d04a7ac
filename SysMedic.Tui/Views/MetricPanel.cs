using SysMedic.Tui.Views.Charts;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>A framed panel: the figure in the title, two lines of detail, and a chart of the last minutes.</summary>
public sealed class MetricPanel : FrameView
{
    private readonly Label _detail;
    private string _name;

    public MetricPanel(string name)
    {
        _name = name;
        Title = name;
        CanFocus = false;
        _detail = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 2, Text = "" };
        Chart = new Sparkline { X = 0, Y = 2, Width = Dim.Fill(), Height = Dim.Fill() };
        Add(_detail, Chart);
    }

    /// <summary>The chart under the detail lines.</summary>
    public Sparkline Chart { get; }

    /// <summary>The detail text shown now.</summary>
    public string Detail => _detail.Text;

    /// <summary>Sets the headline figure (after the panel's name) and the detail lines, when they changed.</summary>
    public void SetText(string figure, string detail)
    {
        string title = figure.Length == 0 ? _name : _name + " " + figure;
        if (Title != title)
        {
            Title = title;
        }

        if (_detail.Text != detail)
        {
            _detail.Text = detail;
        }
    }

    /// <summary>Renames the panel (the dashboard's fixed names never change; the drill-down's do).</summary>
    public void Rename(string name) => _name = name;
}
