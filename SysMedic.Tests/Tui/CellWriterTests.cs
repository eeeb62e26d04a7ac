using SysMedic.Tui.Views;
using SysMedic.Tui.Views.Charts;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tests.Tui;

[Parallelizable(ParallelScope.All)]
public class CellWriterTests
{
    [TestCase("cpu 0.0 x", "cpu 0.2 x", 6, 6)]
    [TestCase("same", "same", 4, 3)]
    [TestCase("PID CPU%▼", "PID MEM%▼", 4, 6)]
    public void The_changed_span_runs_from_the_first_to_the_last_differing_cell(string previous, string text, int first, int last)
    {
        Assert.That(CellWriter.ChangedSpan(text, previous), Is.EqualTo((first, last)));
    }

    [TestCase("abc", "abcd")]
    [TestCase("名前ab", "名前cd")]
    public void Texts_of_other_lengths_or_with_wide_characters_have_no_span(string previous, string text)
    {
        Assert.That(CellWriter.ChangedSpan(text, previous), Is.Null);
    }

    [Test]
    public void A_new_figure_writes_only_its_cells_and_a_line_drawn_over_is_written_whole()
    {
        using IApplication app = Application.Create();
        app.Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(40, 5);
        using var window = new Window { BorderStyle = LineStyle.None };
        var block = new TextBlock { X = 0, Y = 0, Width = 30, Height = 1, Content = "CPU 10.0%   load 1.25" };
        window.Add(block);
        SessionToken? session = app.Begin(window);
        app.LayoutAndDraw();

        block.Content = "CPU 12.5%   load 1.25";
        // Cells 5 to 7 ("0.0" to "2.5"); Terminal.Gui also flags the cell after the last one written.
        Assert.That(DirtyCellsAfterDrawing(app, block), Is.InRange(3, 4), "only the changed cells of a 30-cell line");

        // A view's Draw leaves the clip without its area (for the views under it): open it again for the scribble.
        app.Driver.Clip = new Region(app.Screen);
        app.Driver.Move(20, 0);
        app.Driver.AddStr("XX");
        ClearDirty(app);
        block.Content = "CPU 12.6%   load 1.25";
        Assert.That(DirtyCellsAfterDrawing(app, block), Is.EqualTo(30), "something drew over the line: all of it is written again");
        Assert.That(app.Driver.ToString()!.Split('\n')[0], Does.StartWith("CPU 12.6%   load 1.25"));
        app.End(session!);
    }

    [Test]
    public void A_chart_writes_only_the_columns_whose_bars_changed()
    {
        using IApplication app = Application.Create();
        app.Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(40, 10);
        using var window = new Window { BorderStyle = LineStyle.None };
        var chart = new Sparkline { X = 0, Y = 0, Width = 10, Height = 4, Threshold = 80 };
        window.Add(chart);
        SessionToken? session = app.Begin(window);
        chart.SetValues([10, 20, 30, 40, 50, 60, 70, 80, 90, 20]);
        app.LayoutAndDraw();

        chart.SetValues([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
        Assert.That(DirtyCellsAfterDrawing(app, chart, rows: 4), Is.InRange(4, 8), "the newest column's four cells (and the cell after each)");

        chart.SetValues([20, 30, 40, 50, 60, 70, 80, 90, 100, 10]);
        Assert.That(DirtyCellsAfterDrawing(app, chart, rows: 4), Is.GreaterThanOrEqualTo(40), "every column moved: all of it");
        app.End(session!);
    }

    private static int DirtyCellsAfterDrawing(IApplication app, View view, int rows = 1)
    {
        ClearDirty(app);
        view.Draw();
        Cell[,] contents = app.Driver!.Contents!;
        int dirty = 0;
        for (int row = 0; row < rows; row++)
        {
            for (int col = 0; col < contents.GetLength(1); col++)
            {
                dirty += contents[row, col].IsDirty ? 1 : 0;
            }
        }

        return dirty;
    }

    private static void ClearDirty(IApplication app)
    {
        app.Driver!.Clip = new Region(app.Screen);
        Cell[,] contents = app.Driver!.Contents!;
        for (int row = 0; row < contents.GetLength(0); row++)
        {
            for (int col = 0; col < contents.GetLength(1); col++)
            {
                contents[row, col].IsDirty = false;
            }
        }
    }
}
