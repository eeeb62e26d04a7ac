using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using Terminal.Gui.App;
using Terminal.Gui.Input;

namespace SysMedic.Tui.Views;

/// <summary>
/// What acts on the processes of a <see cref="ProcessesView"/>: F9 sends a signal (chosen, then confirmed naming the
/// processes), F7 and F8 lower and raise the nice value; to the tagged processes when any are, else to the selected
/// one. The outcome (the kernel's refusal too) goes to the view's status line. A read-only console refuses them all.
/// </summary>
public sealed class ProcessCommands
{
    private readonly ProcessesView _view;
    private readonly ISysMedicConnection _connection;
    private readonly Func<bool> _readOnly;
    private readonly Func<ConsoleTheme> _theme;

    public ProcessCommands(ProcessesView view, ISysMedicConnection connection, Func<bool> readOnly, Func<ConsoleTheme> theme)
    {
        _view = view;
        _connection = connection;
        _readOnly = readOnly;
        _theme = theme;
        view.ActionKey = HandleKey;
    }

    /// <summary>The message a read-only console gives for an action key.</summary>
    public const string ReadOnlyNotice = "read-only console: signals and nice are off (--readonly, console.readonly)";

    /// <summary>F9, F7 or F8: runs the action; false for any other key.</summary>
    public bool HandleKey(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key != Key.F9 && key != Key.F7 && key != Key.F8)
        {
            return false;
        }

        if (!CanAct(out IReadOnlyList<ProcessUsage> targets))
        {
            return true;
        }

        if (key == Key.F9)
        {
            Signal(targets);
        }
        else
        {
            Renice(targets, key == Key.F7 ? -1 : 1);
        }

        return true;
    }

    private bool CanAct(out IReadOnlyList<ProcessUsage> targets)
    {
        targets = [];
        if (_readOnly())
        {
            _view.SetNotice(ReadOnlyNotice);
            return false;
        }

        if (!_connection.Features.HasFlag(ConnectionFeatures.Actions))
        {
            _view.SetNotice("this connection does not act on processes (a relay needs websocket.allow_actions: true)");
            return false;
        }

        targets = _view.Targets();
        if (targets.Count == 0)
        {
            _view.SetNotice("no process selected");
            return false;
        }

        return true;
    }

    private void Signal(IReadOnlyList<ProcessUsage> targets)
    {
        if (_view.App is not { } app)
        {
            return;
        }

        string? signal;
        using (var choose = new SignalDialog(Describe(targets)))
        {
            choose.SetScheme(_theme().ToScheme());
            app.Run(choose);
            signal = choose.Signal;
        }

        if (signal is null)
        {
            return;
        }

        bool confirmed;
        string question = targets.Count == 1
            ? $"Send SIG{signal} to {Long(targets[0])}?"
            : $"Send SIG{signal} to these {targets.Count} processes?\n" + string.Join("\n", targets.Take(8).Select(Long)) + (targets.Count > 8 ? "\n…" : "");
        using (var confirm = new ConfirmDialog("Send SIG" + signal, question, "_Send"))
        {
            confirm.SetScheme(_theme().ToScheme());
            app.Run(confirm);
            confirmed = confirm.Confirmed;
        }

        if (confirmed)
        {
            Report(app, "SIG" + signal, targets, [.. targets.Select(p => _connection.SignalAsync(p.Pid, signal))], clearTags: true);
        }
    }

    private void Renice(IReadOnlyList<ProcessUsage> targets, int step)
    {
        if (_view.App is { } app)
        {
            Report(app, step < 0 ? "nice -1" : "nice +1", targets, [.. targets.Select(p => _connection.ReniceAsync(p.Pid, Math.Clamp(p.Nice + step, -20, 19)))], clearTags: false);
        }
    }

    private void Report(IApplication app, string what, IReadOnlyList<ProcessUsage> targets, Task<ActionResult>[] requests, bool clearTags)
    {
        void Show()
        {
            ActionResult[] results = [.. requests.Select(t => t.IsCompletedSuccessfully ? t.Result : new ActionResult(false, t.Exception?.InnerException?.Message ?? "request cancelled"))];
            if (results.Length == 1)
            {
                _view.SetNotice(results[0].Message);
            }
            else
            {
                int done = results.Count(r => r.Ok);
                string failed = string.Join("; ", results.Where(r => !r.Ok).Select(r => r.Message));
                _view.SetNotice(string.Create(CultureInfo.InvariantCulture, $"{what}: {done} of {targets.Count} done{(failed.Length > 0 ? "; " + failed : "")}"));
            }

            if (clearTags && results.All(r => r.Ok))
            {
                _view.Table.Rows.Tags.Clear();
                _view.Table.Refresh();
            }
        }

        Task all = Task.WhenAll(requests);
        if (all.IsCompleted)
        {
            Show();
        }
        else
        {
            _ = all.ContinueWith(_ => app.Invoke(Show), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private static string Describe(IReadOnlyList<ProcessUsage> targets) =>
        targets.Count == 1 ? Long(targets[0]) : string.Create(CultureInfo.InvariantCulture, $"{targets.Count} tagged processes: {string.Join(", ", targets.Take(5).Select(p => p.Pid))}{(targets.Count > 5 ? ", …" : "")}");

    // pid, user and command, as the confirmation must name them.
    private static string Long(ProcessUsage p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Pid} ({ProcessText.Name(p.Name)}) of {SafeText.ForTerminal(p.User)}: {ProcessText.Command(p.Cmdline, p.Name)}");
}
