using SysMedic.Core.ProcFs;

namespace SysMedic.Tests.ProcFs;

public class NetTcpTests
{
    [TestCase("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 123456 1 0000000000000000 100 0 0 10 0", true, 8080, 123456UL)]
    [TestCase("   1: 00000000000000000000000000000000:4E9F 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 99 1 0000000000000000 100 0 0 10 0", true, 20127, 99UL)]
    [TestCase("   2: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 123457 1 0000000000000000 20 4 30 10 -1", false, 0, 0UL)]
    [TestCase("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", false, 0, 0UL)]
    public void Reads_the_port_and_inode_of_listening_sockets_only(string line, bool listening, int port, ulong inode)
    {
        bool parsed = NetTcp.TryParseListener(line, out int p, out ulong i);

        Assert.That((parsed, parsed ? p : 0, parsed ? i : 0UL), Is.EqualTo((listening, port, inode)));
    }

    [Test]
    public void This_process_listens_on_its_own_listener_port_and_not_on_another()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        Assert.That(NetTcp.PidListensOn("/proc", Environment.ProcessId, port), Is.True);
        Assert.That(NetTcp.PidListensOn("/proc", 1, port), Is.False, "pid 1 does not hold this socket");
    }
}
