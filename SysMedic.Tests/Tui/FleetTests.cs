using SysMedic.Core.Protocol;
using SysMedic.Tests.Agent;
using SysMedic.Tests.Delivery;
using SysMedic.Tui.Connection;
using SysMedic.Tui.State;
using SysMedic.Tui.Views.Tables;

namespace SysMedic.Tests.Tui;

/// <summary>
/// The fleet's rows from hosts.yaml against relays on 127.0.0.1: a relay that answers (an older one, without the
/// summary feed: its snapshots are summarised), one that refuses the secret, a port nobody listens on, and a host
/// whose secret file is missing; worst first, and Reload keeping the connections of hosts that stay.
/// </summary>
public class FleetTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Test]
    [CancelAfter(60000)]
    public void Every_host_gets_a_row_that_says_how_its_relay_is_reached_worst_first()
    {
        string dir = Directory.CreateTempSubdirectory("sysmedic-fleet-rows-").FullName;
        string hostsFile = Path.Combine(dir, "hosts.yaml");
        using var good = new FakeRelay("tok");
        using var refusing = new FakeRelay("other");
        int nobody = FreePort.Next();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        RecentHosts.Add(hostsFile, "web01", good.Url(), null, now);
        RecentHosts.Add(hostsFile, "web02", new QuickConnectUrl("tok", "127.0.0.1", refusing.Port, false), null, now);
        RecentHosts.Add(hostsFile, "web03", new QuickConnectUrl("tok", "127.0.0.1", nobody, false), null, now);
        string secretFile = Path.Combine(dir, "web04.secret");
        File.WriteAllText(secretFile, "tok\n");
        RecentHosts.Add(hostsFile, "web04", new QuickConnectUrl("", "127.0.0.1", FreePort.Next(), false), secretFile, now);
        File.Delete(secretFile);

        using var fleet = new Fleet(hostsFile, url => new RemoteConnection(url, retryInterval: TimeSpan.FromMilliseconds(300), feed: SubscribeRequest.Summaries));
        fleet.Start();
        FleetRow Row(string name) => fleet.Rows().Single(r => r.Name == name);
        try
        {
            Assert.That(DoctorProcess.WaitFor(() => Row("web01").Live && Row("web02").Link == FleetLink.Refused && Row("web03").Link == FleetLink.Unreachable, Limit), Is.True,
                string.Join("; ", fleet.Rows().Select(r => $"{r.Name} {r.LinkText} {r.Problem}")));
            FleetRow web01 = Row("web01");
            Assert.Multiple(() =>
            {
                // The sample snapshot: web01 at 61.5% CPU, alice the busiest at 55%, persistent, 3 unresolved alerts.
                Assert.That(web01.Summary!.CpuPercent, Is.EqualTo(61.5));
                Assert.That(web01.Summary.TopUser, Is.EqualTo("alice"));
                Assert.That(web01.Summary.TopUserCpuPercent, Is.EqualTo(55));
                Assert.That(web01.Summary.PersistentUsers, Is.EqualTo(new[] { "alice" }));
                Assert.That(web01.Summary.UnresolvedAlerts, Is.EqualTo(3));
                Assert.That(Row("web04").Link, Is.EqualTo(FleetLink.NoSecret));
                Assert.That(Row("web04").Problem, Does.Contain(secretFile), "the missing secret file is named");
                Assert.That(Row("web02").LinkText, Is.EqualTo("refused"));
            });

            // Worst first: the hosts that cannot be seen, then the live one.
            var rows = new SortedRows<FleetRow>(FleetColumns.All(() => DateTimeOffset.UtcNow), FleetColumns.Key, FleetColumns.Status, FleetColumns.ByName);
            rows.SetRows(fleet.Rows());
            Assert.That(rows.Shown.Select(r => r.Name).Last(), Is.EqualTo("web01"));
            Assert.That(FleetColumns.Matches(web01, "ALICE"), Is.True, "the filter finds a persistent user");
            Assert.That(FleetColumns.Matches(Row("web02"), "alice"), Is.False);

            // The same hosts again keep their connections; a removed one goes.
            FleetMember kept = fleet.Find("web01")!;
            RecentHosts.Remove(hostsFile, "web03");
            fleet.Reload();
            Assert.That(fleet.Find("web01"), Is.SameAs(kept));
            Assert.That(fleet.Find("web03"), Is.Null);
            Assert.That(fleet.Members, Has.Count.EqualTo(3));
        }
        finally
        {
            fleet.Dispose();
            Directory.Delete(dir, recursive: true);
        }
    }
}
