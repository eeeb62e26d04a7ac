using SysMedic.Tui.Views.Charts;
using Terminal.Gui.ViewBase;

namespace SysMedic.Tui.Views;

/// <summary>
/// A boxed panel: the figure in its top line, two lines of detail, and a chart of the last minutes. Each part redraws
/// on its own: a new figure redraws the top line, not the chart.
/// </summary>
public sealed class MetricPanel : BoxPanel
{
    private readonly TextBlock _detail;
    private string _name;

    /// <summary>A panel named <paramref name="name"/> with <paramref name="detailLines"/> lines of detail above its chart.</summary>
    public MetricPanel(string name, int detailLines = 2)
        : base(name)
    {
        _name = name;
        CanFocus = false;
        DetailLines = detailLines;
        _detail = new TextBlock { X = 1, Y = 1, Width = Dim.Fill(1), Height = detailLines };
        Chart = new Sparkline { X = 1, Y = 1 + detailLines, Width = Dim.Fill(1), Height = Dim.Fill(1) };
        Add(_detail, Chart);
    }

    /// <summary>The chart under the detail lines.</summary>
    public Sparkline Chart { get; }

    /// <summary>How many lines of detail the panel has.</summary>
    public int DetailLines { get; }

    /// <summary>Columns a detail line has (before the first layout, a guess for an 80-column screen).</summary>
    public int DetailWidth => _detail.Viewport.Width > 0 ? _detail.Viewport.Width : 14;

    /// <summary>The detail text shown now.</summary>
    public string Detail => _detail.Content;

    /// <summary>Sets the headline figure (after the panel's name) and the detail lines; each redraws only if it changed.</summary>
    public void SetText(string figure, string detail)
    {
        ArgumentNullException.ThrowIfNull(figure);
        Caption = figure.Length == 0 ? _name : _name + " " + figure;
        _detail.Content = detail;
    }

    /// <summary>Renames the panel (the dashboard's fixed names never change; the drill-down's do).</summary>
    public void Rename(string name) => _name = name;
}
