using static SysMedic.Tests.Packaging.PackagingTools;

namespace SysMedic.Tests.Packaging;

/// <summary>The release tarball's install.sh, run for real into a temporary root (--destdir).</summary>
public class InstallScriptTests
{
    private string _dir = "";
    private string _tarball = "";
    private string _unpacked = "";

    [OneTimeSetUp]
    public void BuildTarball()
    {
        _dir = Directory.CreateTempSubdirectory("sysmedic-tar-").FullName;
        Succeed("/bin/bash", RepoFile("packaging", "build.sh"), "--binary", BuiltBinary(), "--out", _dir, "--no-deb", "--no-rpm");
        _tarball = Directory.GetFiles(_dir, "*.tar.gz").Single();
        Succeed("tar", "-xzf", _tarball, "-C", _dir);
        _unpacked = Directory.GetDirectories(_dir).Single();
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (_dir.Length > 0)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string NewRoot() => Directory.CreateDirectory(Path.Combine(_dir, "root-" + Guid.NewGuid().ToString("N"))).FullName;

    private string Install(string root, params string[] more) =>
        Succeed("/bin/bash", [Path.Combine(_unpacked, "install.sh"), "--destdir", root, .. more]);

    private static UnixFileMode Mode(string root, string path) => File.GetUnixFileMode(root + path);

    [Test]
    public void The_tarball_holds_the_binary_units_default_config_and_readme()
    {
        string[] names = Directory.GetFileSystemEntries(_unpacked, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(_unpacked, p)).ToArray();
        Assert.That(names, Is.SupersetOf(new[] { "sysmedic", "install.sh", "config.yaml", "README.md", "tmpfiles.d/sysmedic.conf", "man/sysmedic.1" }));
        Assert.That(names, Is.SupersetOf(UnitNames().Select(u => $"systemd/{u}")));
    }

    [Test]
    public void Installs_the_layout_with_private_history_and_logs()
    {
        string root = NewRoot();
        Install(root);
        const UnixFileMode rwxr_xr_x = (UnixFileMode)0b111_101_101;
        const UnixFileMode rw_r__r__ = (UnixFileMode)0b110_100_100;
        const UnixFileMode rwxr_x___ = (UnixFileMode)0b111_101_000;
        Assert.That(Mode(root, "/usr/local/bin/sysmedic"), Is.EqualTo(rwxr_xr_x));
        Assert.That(File.ReadAllBytes(root + "/usr/local/bin/sysmedic"), Is.EqualTo(File.ReadAllBytes(BuiltBinary())));
        Assert.That(Mode(root, "/etc/sysmedic/config.yaml"), Is.EqualTo(rw_r__r__));
        Assert.That(File.ReadAllText(root + "/etc/sysmedic/config.yaml"), Is.EqualTo(File.ReadAllText(RepoFile("assets", "config.yaml"))));
        Assert.That(Mode(root, "/var/lib/sysmedic"), Is.EqualTo(rwxr_x___));
        Assert.That(Mode(root, "/var/log/sysmedic"), Is.EqualTo(rwxr_x___));
        Assert.That(File.ReadAllText(root + "/etc/tmpfiles.d/sysmedic.conf"), Does.Contain("d /run/sysmedic 0755 root root -"));
        Assert.That(Mode(root, "/usr/local/share/man/man1/sysmedic.1"), Is.EqualTo(rw_r__r__));
        Assert.That(File.ReadAllText(root + "/usr/local/share/man/man1/sysmedic.1"), Is.EqualTo(File.ReadAllText(RepoFile("packaging", "man", "sysmedic.1"))));
        Assert.That(Directory.GetFiles(root + "/usr/local/bin"), Has.Length.EqualTo(1), "no temporary file is left beside the binary");
        if (IsRoot)
        {
            Assert.That(Succeed("stat", "-c", "%u:%g", root + "/usr/local/bin/sysmedic", root + "/var/lib/sysmedic", root + "/etc/sysmedic/config.yaml"),
                Is.EqualTo("0:0\n0:0\n0:0\n"));
        }
    }

    [Test]
    public void Closes_history_and_logs_that_an_earlier_run_left_open()
    {
        string root = NewRoot();
        Directory.CreateDirectory(root + "/var/lib/sysmedic", (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(root + "/var/log/sysmedic", (UnixFileMode)0b111_101_101);
        Install(root);
        Assert.That(Mode(root, "/var/lib/sysmedic"), Is.EqualTo((UnixFileMode)0b111_101_000));
        Assert.That(Mode(root, "/var/log/sysmedic"), Is.EqualTo((UnixFileMode)0b111_101_000));
    }

    [Test]
    public void Points_every_unit_at_the_installed_binary_and_enables_none()
    {
        string root = NewRoot();
        Install(root, "--prefix", "/opt/sysmedic");
        foreach (string unit in UnitNames())
        {
            string text = File.ReadAllText($"{root}/etc/systemd/system/{unit}");
            Assert.That(text, Does.Match(@"(?m)^ExecStart=/opt/sysmedic/bin/sysmedic --[a-z]+-daemon$"), unit);
            Assert.That(text, Does.Not.Contain("/usr/bin/sysmedic"), unit);
        }

        Assert.That(Directory.GetDirectories(root + "/etc/systemd/system", "*.wants"), Is.Empty);
    }

    [Test]
    public void Puts_the_manual_page_under_the_prefix()
    {
        string root = NewRoot();
        Install(root, "--prefix", "/opt/sysmedic");
        Assert.That(File.Exists(root + "/opt/sysmedic/share/man/man1/sysmedic.1"), Is.True);
        Assert.That(Directory.Exists(root + "/usr/local"), Is.False, "nothing goes outside the prefix but /etc and /var");
    }

    [Test]
    public void Installing_again_keeps_the_configuration_and_the_database()
    {
        string root = NewRoot();
        Install(root);
        File.AppendAllText(root + "/etc/sysmedic/config.yaml", "# edited here\n");
        File.WriteAllText(root + "/var/lib/sysmedic/sysmedic.db", "rows");
        string output = Install(root);
        Assert.That(output, Does.Contain("kept /etc/sysmedic/config.yaml"));
        Assert.That(File.ReadAllText(root + "/etc/sysmedic/config.yaml"), Does.EndWith("# edited here\n"));
        Assert.That(File.ReadAllText(root + "/var/lib/sysmedic/sysmedic.db"), Is.EqualTo("rows"));
    }

    [Test]
    public void Refuses_to_enable_services_when_installing_elsewhere()
    {
        var (code, output) = Run("/bin/bash", Path.Combine(_unpacked, "install.sh"), "--destdir", NewRoot(), "--enable");
        Assert.That(code, Is.Not.Zero);
        Assert.That(output, Does.Contain("--enable starts services on this machine"));
    }

    [Test]
    public void Installs_as_root_with_the_group_and_runtime_directory_in_a_throwaway_root()
    {
        string script = $$"""
            rm -rf /var/lib/sysmedic /var/log/sysmedic /etc/sysmedic
            install -d -m 0755 /var/lib/sysmedic /var/log/sysmedic
            cd /tmp && tar -xzf {{Path.GetFileName(_tarball)}} && cd {{Path.GetFileName(_unpacked)}}
            ./install.sh >/dev/null
            echo "group: $(getent group sysmedic | cut -d: -f1)"
            echo "relay user: $(getent passwd sysmedic-relay | cut -d: -f1) in $(id -gn sysmedic-relay)"
            stat -c 'mode %n %a %U:%G' /usr/local/bin/sysmedic /usr/local/share/man/man1/sysmedic.1 /etc/sysmedic/config.yaml /var/lib/sysmedic /var/log/sysmedic /run/sysmedic
            echo '# changed here' >>/etc/sysmedic/config.yaml
            echo rows >/var/lib/sysmedic/sysmedic.db
            ./install.sh | grep -c '^kept /etc/sysmedic/config.yaml' | sed 's/^/kept: /'
            echo "after: config $(tail -n 1 /etc/sysmedic/config.yaml), db $(cat /var/lib/sysmedic/sysmedic.db)"
            """;
        var (code, output) = Run(RepoFile("SysMedic.Tests", "Packaging", "throwaway-root.sh"), script, _tarball);
        if (code == 77)
        {
            Assert.Ignore(output.Trim());
        }

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("group: sysmedic\n"));
        Assert.That(output, Does.Contain("relay user: sysmedic-relay in sysmedic-relay\n"));
        Assert.That(output, Does.Contain("mode /usr/local/bin/sysmedic 755 root:root\n").And.Contain("mode /etc/sysmedic/config.yaml 640 root:sysmedic-relay\n"));
        Assert.That(output, Does.Contain("mode /usr/local/share/man/man1/sysmedic.1 644 root:root\n"));
        Assert.That(output, Does.Contain("mode /var/lib/sysmedic 750 root:root\n").And.Contain("mode /var/log/sysmedic 750 root:root\n"));
        Assert.That(output, Does.Contain("mode /run/sysmedic 755 root:root\n"));
        Assert.That(output, Does.Contain("kept: 1\n").And.Contain("after: config # changed here, db rows\n"));
    }
}
