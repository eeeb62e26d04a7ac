using SysMedic.Core.Protocol;
using SysMedic.Tests.Commands;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace SysMedic.Tests.Tui;

/// <summary>The Connect form (File &gt; Connect), <c>--connect</c>, and switching connections while the console runs.</summary>
public class ConnectFormTests
{
    [Test]
    public void A_url_wins_over_the_fields()
    {
        Assert.That(ConnectDialog.TryBuild("sysmedics://tok@relay.example.com:9000/", "ignored", "1", "x", false, out QuickConnectUrl? url, out _), Is.True);
        Assert.That(url, Is.EqualTo(new QuickConnectUrl("tok", "relay.example.com", 9000, true)));
    }

    [TestCase("", "8060", "s", "give a URL, or a host")]
    [TestCase("web01", "80x", "s", "port '80x' is not a number from 1 to 65535")]
    [TestCase("web01", "70000", "s", "port '70000' is not a number from 1 to 65535")]
    [TestCase("web01", "8060", "", "the relay's secret is needed")]
    [TestCase("web01", "8060", "a:b", "must not contain ':'")]
    [TestCase("web 01", "8060", "s", "is not a host name")]
    public void The_fields_say_what_is_wrong(string host, string port, string secret, string error)
    {
        Assert.That(ConnectDialog.TryBuild("", host, port, secret, false, out _, out string? problem), Is.False);
        Assert.That(problem, Does.Contain(error));
    }

    [Test]
    public void The_fields_make_a_url()
    {
        Assert.That(ConnectDialog.TryBuild(" ", "10.0.0.5", "8061", "tok", true, out QuickConnectUrl? url, out _), Is.True);
        Assert.That(url!.ToString(), Is.EqualTo("sysmedics://tok@10.0.0.5:8061/"));
    }

    [Test]
    public void A_bad_connect_url_is_bad_usage()
    {
        (int code, _, string err) = CliRunner.Run("--connect", "http://tok@host:1/");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--connect: unknown scheme 'http'"));
    }

    [Test]
    [CancelAfter(30000)]
    public void A_pasted_url_goes_into_the_url_field_and_enter_connects_with_it_even_with_recent_hosts()
    {
        RecentHost old = new("10.0.0.9", 18080, false, "oldsecret", DateTimeOffset.UtcNow);
        QuickConnectUrl? chosen = null;
        using var run = new ScriptedRun();
        run.App.Keyboard.KeyDown += (_, k) =>
        {
            if (k == Key.F12)
            {
                k.Handled = true;
                using var dialog = new ConnectDialog([old]);
                run.App.Run(dialog);
                chosen = dialog.Url;
            }
        };
        run.Then(() => run.App.InjectKey(Key.F12));
        foreach (char c in "sysmedic://newsecret@127.0.0.1:19090/")
        {
            run.Then(() => run.App.InjectKey(new Key(c)));
        }

        run.Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.That(chosen, Is.EqualTo(new QuickConnectUrl("newsecret", "127.0.0.1", 19090, false)));
    }

    [Test]
    [CancelAfter(30000)]
    public void Enter_on_a_form_with_a_mistake_keeps_it_open_and_names_the_mistake_and_an_add_host_form_writes_nothing()
    {
        string dir = Directory.CreateTempSubdirectory("sysmedic-forms-").FullName;
        string hosts = Path.Combine(dir, "hosts.yaml");
        string connectScreen = "";
        string addScreen = "";
        bool connectOpen = false;
        bool addOpen = false;
        using var run = new ScriptedRun();
        run.App.Keyboard.KeyDown += (_, k) =>
        {
            if (k == Key.F12)
            {
                k.Handled = true;
                using var dialog = new ConnectDialog([]);
                run.App.Run(dialog);
            }
            else if (k == Key.F11)
            {
                k.Handled = true;
                using var dialog = new AddHostDialog(hosts);
                run.App.Run(dialog);
            }
        };
        run.Then(() => run.App.InjectKey(Key.F12));
        foreach (char c in "sysmedic://nosecret:8060/")
        {
            run.Then(() => run.App.InjectKey(new Key(c)));
        }

        run.Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => connectScreen = run.Screen())
            .Then(() => connectOpen = run.App.TopRunnableView is ConnectDialog)
            .Then(() => run.App.InjectKey(Key.Esc))
            .Then(() => run.App.InjectKey(Key.F11));
        foreach (char c in "web 01")
        {
            run.Then(() => run.App.InjectKey(new Key(c)));
        }

        run.Then(() => run.App.InjectKey(Key.Tab));
        foreach (char c in "sysmedic://tok@127.0.0.1:8060/")
        {
            run.Then(() => run.App.InjectKey(new Key(c)));
        }

        run.Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => addScreen = run.Screen())
            .Then(() => addOpen = run.App.TopRunnableView is AddHostDialog)
            .Then(() => run.App.InjectKey(Key.Esc))
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();
        try
        {
            Assert.That(connectOpen, Is.True, "the Connect form stays open: " + connectScreen);
            Assert.That(connectScreen, Does.Contain("! the URL has no secret"), connectScreen);
            Assert.That(addOpen, Is.True, "the Add host form stays open: " + addScreen);
            Assert.That(addScreen, Does.Contain("! 'web 01' is not a host name"), addScreen);
            Assert.That(File.Exists(hosts), Is.False, "nothing was written");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    [CancelAfter(60000)]
    public void File_connect_offers_recent_hosts_and_switches_to_the_relay_and_disconnect_comes_back()
    {
        using var relay = new FakeRelay("tok");
        string dir = Directory.CreateTempSubdirectory("sysmedic-connect-").FullName;
        string hosts = Path.Combine(dir, "hosts.yaml");
        RecentHosts.Save(hosts, [new RecentHost("127.0.0.1", relay.Port, false, "tok", DateTimeOffset.UtcNow)]);
        ConnectionSwitch? connections = null;
        using var run = new ScriptedRun(window: fake =>
        {
            connections = new ConnectionSwitch(fake, () => new FakeConnection(), url => new RemoteConnection(url));
            return new MainWindow(connections) { HostsFile = hosts };
        });
        string form = "";
        string remote = "";
        string home = "";
        bool connected = false;
        // What File > Connect runs, from a key as the menu does (headless, a menu action's nested dialog does not stay open).
        run.App.Keyboard.KeyDown += (_, k) =>
        {
            if (k == Key.F12)
            {
                k.Handled = true;
                run.Window.OpenConnect();
            }
        };
        run.Then(() => run.App.InjectKey(Key.F12))
            .Then(() => form = run.Screen())
            .Then(() => run.App.InjectKey(Key.O.WithAlt))
            .Then(() => connected = Agent.DoctorProcess.WaitFor(() => connections!.State == ConnectionState.Connected, TimeSpan.FromSeconds(20)))
            .Then(() => remote = run.Screen())
            .Then(() => run.Window.Disconnect())
            .Then(() => home = run.Screen())
            .Then(() => run.App.InjectKey(Key.Q));
        try
        {
            run.Run();
        }
        finally
        {
            connections?.Dispose();
            Directory.Delete(dir, recursive: true);
        }

        Assert.Multiple(() =>
        {
            Assert.That(form, Does.Contain("Connect to a relay").And.Contain($"127.0.0.1:{relay.Port}   last used"));
            Assert.That(form, Does.Match(@"Host:\s+127\.0\.0\.1\s+Port: " + relay.Port), "the last relay is filled in");
            Assert.That(connected, Is.True);
            Assert.That(remote, Does.Contain($"remote 127.0.0.1:{relay.Port}: connected to sysmedic 0.1.0"));
            Assert.That(remote, Does.Contain("web01"), "the relay's host in the header");
            Assert.That(relay.Authorizations, Does.Contain("Bearer tok"));
            Assert.That(home, Does.Contain("fake connection for tests"));
            Assert.That(run.StoppedByHarness, Is.False);
        });
    }
}
