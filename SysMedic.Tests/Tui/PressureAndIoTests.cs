using SysMedic.Core.Sampling;
using SysMedic.Tui.Views.Tables;
using Terminal.Gui.Input;

namespace SysMedic.Tests.Tui;

/// <summary>Pressure on the dashboard's panels, and the Processes screen's disk I/O and cgroup columns.</summary>
[Parallelizable(ParallelScope.All)]
public class PressureAndIoTests
{
    private static PressureUsage Some(double percent) => new(0, 0, 0, percent, 0, 0, 0, 0, 0, 0);

    private static Snapshot WithPressureAndIo()
    {
        Snapshot busy = ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2));
        return busy with
        {
            System = busy.System with { Pressure = new ResourcePressure(Some(12.4), Some(3), Some(7.5)) },
            Processes =
            [
                busy.Processes[0] with { DiskReadBytesPerSec = 3 * 1024 * 1024, DiskWriteBytesPerSec = 512, Cgroup = "/user.slice/user-1000.slice/session-4.scope" },
                .. busy.Processes.Skip(1),
            ],
        };
    }

    [Test]
    public void The_dashboard_panels_say_how_long_tasks_stalled_on_cpu_memory_and_io()
    {
        using var console = new ConsoleHarness();
        console.Connection.Publish(WithPressureAndIo());

        Assert.Multiple(() =>
        {
            Assert.That(console.Window.Dashboard.Cpu.Detail, Does.Contain("stall 12.4%"));
            Assert.That(console.Window.Dashboard.Memory.Detail, Does.Contain("stall 3.0%"));
            Assert.That(console.Window.Dashboard.Disk.Detail, Does.Contain("io stall 7.5%"));
            Assert.That(console.Screen, Does.Contain("stall 12.4%"));
        });
    }

    [Test]
    public void Without_pressure_files_the_panels_say_nothing_of_it()
    {
        using var console = new ConsoleHarness();
        Assert.That(console.Window.Dashboard.Cpu.Detail + console.Window.Dashboard.Memory.Detail, Does.Not.Contain("stall"));
    }

    [Test]
    public void The_disk_io_and_cgroup_columns_are_shown_from_the_view_menu_choice()
    {
        using var console = new ConsoleHarness();
        console.Connection.Publish(WithPressureAndIo());
        console.Press(Key.F4);
        Assert.That(console.Screen, Does.Not.Contain("READ/s"));

        console.Window.Processes.ToggleColumn(ProcessColumnChoice.DiskIo);
        console.Window.Processes.ToggleColumn(ProcessColumnChoice.Cgroup);
        string[] lines = console.Screen.Split('\n');
        string python = lines.Single(l => l.Contains("python3", StringComparison.Ordinal));
        string vim = lines.Single(l => l.Contains("vim", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(lines.Any(l => l.Contains("READ/s", StringComparison.Ordinal) && l.Contains("WRITE/s", StringComparison.Ordinal) && l.Contains("CGROUP", StringComparison.Ordinal)));
            Assert.That(python, Does.Contain("3.0 MiB/s").And.Contain("512 B/s").And.Contain("session-4.scope"));
            Assert.That(vim, Does.Contain(" - "), "unknown rates and cgroup are -");
        });

        console.Window.Processes.ToggleColumn(ProcessColumnChoice.DiskIo);
        Assert.That(console.Screen, Does.Not.Contain("READ/s").And.Contain("CGROUP"));
    }
}
