using System.Reflection;
using System.Text.RegularExpressions;
using SysMedic.Tests.Config;

namespace SysMedic.Tests;

/// <summary>
/// The layers depend one way: Core has no UI, sockets, daemons or signal handling; Agent has no UI; in the console,
/// the connection layer and the plain state classes do not use the views. Assembly references are read from the
/// built assemblies; what a reference cannot show (a type of the same assembly, a socket class of the runtime) is
/// read from the source files.
/// </summary>
public partial class ArchitectureTests
{
    private static readonly Assembly Core = typeof(SysMedic.Core.Sampling.Snapshot).Assembly;
    private static readonly Assembly AgentAssembly = typeof(SysMedic.Agent.Daemon.RuntimeFiles).Assembly;
    private static readonly Assembly Console = typeof(SysMedic.Tui.Views.MainWindow).Assembly;

    [Test]
    public void Core_references_no_ui_hosting_web_mail_or_the_projects_above_it()
    {
        string[] references = [.. Core.GetReferencedAssemblies().Select(a => a.Name!)];

        Assert.That(references, Has.None.StartsWith("Terminal.Gui").And.None.StartsWith("Microsoft.AspNetCore")
            .And.None.StartsWith("Microsoft.Extensions.Hosting").And.None.StartsWith("MailKit").And.None.StartsWith("Serilog")
            .And.None.StartsWith("Websocket.Client").And.None.EqualTo(AgentAssembly.GetName().Name).And.None.EqualTo(Console.GetName().Name));
    }

    [Test]
    public void Agent_references_no_ui_and_not_the_console()
    {
        string[] references = [.. AgentAssembly.GetReferencedAssemblies().Select(a => a.Name!)];

        Assert.That(references, Has.None.StartsWith("Terminal.Gui").And.None.EqualTo(Console.GetName().Name));
        Assert.That(references, Does.Contain(Core.GetName().Name));
    }

    [Test]
    public void Core_source_opens_no_socket_and_handles_no_signal()
    {
        string[] offences = [.. Offences("SysMedic.Core", ForbiddenInCore())];

        Assert.That(offences, Is.Empty);
    }

    [TestCase("Connection")]
    [TestCase("State")]
    public void The_console_layer_below_the_views_uses_no_view(string folder)
    {
        // Every type of the Views namespaces by name, so DashboardView.ChartWindow is caught with or without a using.
        string[] viewTypes = [.. Console.GetTypes()
            .Where(t => t.Namespace?.StartsWith("SysMedic.Tui.Views", StringComparison.Ordinal) == true && !t.Name.Contains('<', StringComparison.Ordinal))
            .Select(t => t.Name.Split('`')[0])
            .Distinct()];
        Assert.That(viewTypes, Does.Contain("DashboardView"), "the scan knows the views");
        var rule = new Regex(@"SysMedic\.Tui\.Views|\b(" + string.Join('|', viewTypes.Select(Regex.Escape)) + @")\b");

        string[] offences = [.. Offences(Path.Combine("SysMedic.Tui", folder), rule)];

        Assert.That(offences, Is.Empty);
    }

    [Test]
    public void The_scan_finds_a_forbidden_use_when_there_is_one()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ForbiddenInCore().IsMatch("_sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { });"), Is.True);
            Assert.That(ForbiddenInCore().IsMatch("using var client = new TcpClient();"), Is.True);
            Assert.That(ForbiddenInCore().IsMatch("/// <summary>The WebSocket endpoint this URL points at.</summary>"), Is.False, "words in comments are not uses");
            Assert.That(Offences("SysMedic.Agent", ForbiddenInCore()), Is.Not.Empty, "the agent opens sockets and handles signals");
        });
    }

    // Code, not comments: the doc comments may name what a type is for.
    [GeneratedRegex(@"^(?!\s*//).*\b(PosixSignalRegistration|System\.Net\.Sockets|System\.Net\.WebSockets|ClientWebSocket|TcpClient|TcpListener|UdpClient|HttpListener|UnixDomainSocketEndPoint|new\s+Socket\b|Terminal\.Gui|Microsoft\.Extensions\.Hosting|BackgroundService|IHostedService)", RegexOptions.Multiline)]
    private static partial Regex ForbiddenInCore();

    private static IEnumerable<string> Offences(string folder, Regex rule)
    {
        string root = Path.Combine(ConfigFixtures.RepositoryRoot(), folder);
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) && rule.IsMatch(lines[i]))
                {
                    yield return $"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}";
                }
            }
        }
    }
}
