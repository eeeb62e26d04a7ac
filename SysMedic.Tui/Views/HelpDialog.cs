using System.Collections.ObjectModel;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>F1: every key, and what the status colours mean. Esc, Enter or q closes it.</summary>
public sealed class HelpDialog : Dialog
{
    /// <summary>The help text, also in docs/console.md.</summary>
    public const string Keys = """
        Screens
          F6 / d Dashboard   F2 Users   F4 Processes   F3 Alerts   F5 History   F1 Help
        Everywhere
          q, F10 quit        p pause / resume the live refresh     t dark / light theme
          Tab next panel     Esc closes dialogs and filters (never quits)
        Tables
          Up/Down, j/k move  PgUp/PgDn, Home/End    < > sort column    r reverse order
          Enter on a user    that user's processes, CPU and memory history, thresholds
        Processes
          /  filter by text (pid, user, name, command); Enter keeps it, Esc clears it
          u  only the selected process's user; u again: everyone
          Space tag / untag the process   c tag it and its children   U untag all
          F9 signal: TERM, KILL, HUP, INT, STOP, CONT, USR1, USR2; confirmed, names pid, user, command
          F7 nice -1 (sooner)   F8 nice +1 (later)   to the tagged processes, else the selected one
          e  tree: processes under their parents; + unfold, - fold   F follow the selected process
          --readonly or console.readonly: no signal, nice or resolving
        History
          1-5  range: 1h, 6h, 24h, 7d, 30d     a ▼ over a chart marks an alert raised then
          Left/Right cursor one column   [ ] one hour   Home/End   a click puts it on a column
          Enter  replay the moment under the cursor     g  replay a time you type (03:00, 90m ago)
        Replay (the agent records what ran at each check)
          every screen shows that moment: its users and processes, ended ones (state X) included
          [ ] the check before / after   Esc or p  back to live
        Alerts (needs the agent)
          Enter  resolve the selected alert (note, resolved by)   a  show / hide resolved
          Space  tag an alert; Enter then resolves every tagged one with one note
        Connections
          File > Connect   a remote agent: sysmedic://SECRET@HOST:PORT/ or host, port, secret
          File > Disconnect  back to this host (local agent, else the embedded sampler)
        Fleet (--fleet, File > Fleet: every host of hosts.yaml, one row each, worst first)
          Enter  that host's console; Esc back to the fleet    / filter   < > sort
          a or F3  the fleet's alerts: Enter resolves one through its host's relay
          File > Fleet > Add host / Remove host  edit hosts.yaml (as sysmedic hosts add / remove)
        Status
          Light Usage (green)   nothing near a threshold
          Medium Usage (yellow) system over 60% of a threshold, or a user over theirs
          Heavy Load (red)      system over a threshold, or a persistent user
        Charts
          last 5 minutes, one column per time slice; the dashed line is the threshold;
          bars over it turn red. Network and load scale to their largest value.
        """;

    public HelpDialog()
    {
        Title = "SysMedic help";
        Width = Dim.Percent(95);
        Height = Dim.Percent(95);
        // A list scrolls at 80x24, where the whole text does not fit.
        var lines = new ListView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(1) };
        lines.SetSource(new ObservableCollection<string>(Keys.Split('\n')));
        Add(lines);
        var close = new Button { Text = "_Close", IsDefault = true };
        close.Accepting += (_, e) =>
        {
            App?.RequestStop();
            e.Handled = true;
        };
        AddButton(close);
    }

    protected override bool OnKeyDown(Key key)
    {
        if (key == Key.Q)
        {
            App?.RequestStop();
            return true;
        }

        return base.OnKeyDown(key);
    }
}
