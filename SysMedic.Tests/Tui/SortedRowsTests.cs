using SysMedic.Core.Sampling;
using SysMedic.Tui.Views.Tables;

namespace SysMedic.Tests.Tui;

[Parallelizable(ParallelScope.All)]
public class SortedRowsTests
{
    private static SortedRows<ProcessUsage> Processes(int idle, int pageSize)
    {
        var rows = new SortedRows<ProcessUsage>(ProcessColumns.Full, ProcessColumns.Key, ProcessColumns.FullCpu, ProcessColumns.ByPid);
        rows.SetPageSize(pageSize);
        rows.SetRows(ConsoleSnapshots.Crowded(idle).Processes);
        return rows;
    }

    [Test]
    public void Equal_values_are_ordered_by_pid_as_a_number()
    {
        var rows = new SortedRows<ProcessUsage>(ProcessColumns.Full, ProcessColumns.Key, ProcessColumns.FullCpu, ProcessColumns.ByPid);
        ProcessUsage idle = ConsoleSnapshots.Busy().Processes[^1] with { CpuPercent = 0 };
        rows.SetRows([idle with { Pid = 11 }, idle with { Pid = 10694 }, idle with { Pid = 10 }, idle with { Pid = 10693 }]);

        Assert.That(rows.Shown.Select(p => p.Pid), Is.EqualTo(new[] { 10, 11, 10693, 10694 }));
    }

    [Test]
    public void The_selection_follows_its_row_and_stays_on_screen_when_the_rows_reorder()
    {
        SortedRows<ProcessUsage> rows = Processes(idle: 50, pageSize: 10);
        rows.Select(30);
        int pid = rows.Selected!.Pid;
        Assert.That(rows.Top, Is.EqualTo(21), "scrolled just enough to show row 30 last");

        ProcessUsage[] next = [.. ConsoleSnapshots.Crowded(50).Processes.Select(p => p.Pid == pid ? p with { CpuPercent = 99 } : p)];
        rows.SetRows(next);

        Assert.That(rows.Selected!.Pid, Is.EqualTo(pid));
        Assert.That(rows.SelectedIndex, Is.Zero, "the busiest now");
        Assert.That(rows.Top, Is.Zero);
    }

    [Test]
    public void When_the_selected_row_goes_the_selection_keeps_its_place()
    {
        SortedRows<ProcessUsage> rows = Processes(idle: 20, pageSize: 10);
        rows.Select(12);
        int gone = rows.Selected!.Pid;

        rows.SetRows([.. ConsoleSnapshots.Crowded(20).Processes.Where(p => p.Pid != gone)]);

        Assert.That(rows.SelectedIndex, Is.EqualTo(12));
        Assert.That(rows.Selected!.Pid, Is.Not.EqualTo(gone));
    }

    [Test]
    public void Scrolling_moves_the_screen_and_keeps_the_selection_on_it()
    {
        SortedRows<ProcessUsage> rows = Processes(idle: 50, pageSize: 10);

        rows.Scroll(3);
        Assert.That((rows.Top, rows.SelectedIndex), Is.EqualTo((3, 3)));

        rows.Scroll(1000);
        Assert.That(rows.Top, Is.EqualTo(rows.Shown.Count - 10), "never past the last row");
        rows.Scroll(-1000);
        Assert.That((rows.Top, rows.SelectedIndex), Is.EqualTo((0, 9)), "the selection stays on the last row shown");
    }

    [Test]
    public void Only_the_rows_on_screen_are_formatted_each_as_wide_as_the_table()
    {
        SortedRows<ProcessUsage> rows = Processes(idle: 500, pageSize: 5);

        TableText text = rows.Text(80);

        Assert.That(text.Rows, Has.Count.EqualTo(5));
        Assert.That(text.Rows.Append(text.Header).Select(l => l.Length), Has.All.EqualTo(80));
        Assert.That(text.Header, Does.StartWith("PID USER"));
        Assert.That(text.Header, Does.Contain("CPU%▼"));
        Assert.That(text.Rows[0], Does.Contain("python3").And.Contain("30.0"));
        Assert.That(text.ColumnAt(text.Starts[ProcessColumns.FullCpu] + 1), Is.EqualTo(ProcessColumns.FullCpu));
    }
}
