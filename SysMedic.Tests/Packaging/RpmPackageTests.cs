using static SysMedic.Tests.Packaging.PackagingTools;

namespace SysMedic.Tests.Packaging;

/// <summary>packaging/build.sh makes a real .rpm with rpmbuild (Debian package rpm), read back with rpm -qp.</summary>
public class RpmPackageTests
{
    private string _dir = "";
    private string _rpm = "";
    private string _rpmTool = "";

    [OneTimeSetUp]
    public void Build()
    {
        Require("rpmbuild", "rpm");
        _rpmTool = Require("rpm", "rpm");
        _dir = Directory.CreateTempSubdirectory("sysmedic-rpm-").FullName;
        Succeed("/bin/bash", RepoFile("packaging", "build.sh"), "--binary", BuiltBinary(), "--out", _dir, "--no-deb");
        _rpm = Directory.GetFiles(_dir, "*.rpm").Single();
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (_dir.Length > 0)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string Query(params string[] args) => Succeed(_rpmTool, ["-qp", .. args, _rpm]);

    [Test]
    public void Installs_the_binary_units_tmpfiles_entry_and_private_directories()
    {
        string files = Query("--qf", "[%{FILEMODES:perms} %{FILEUSERNAME}:%{FILEGROUPNAME} %{FILENAMES}\n]");
        Assert.That(files, Does.Contain("-rwxr-xr-x root:root /usr/bin/sysmedic\n"));
        Assert.That(files, Does.Contain("-rw-r----- root:sysmedic-relay /etc/sysmedic/config.yaml\n"), "the relay's group reads it, secret included; nobody else");
        Assert.That(files, Does.Contain("-rw-r--r-- root:root /usr/lib/tmpfiles.d/sysmedic.conf\n"));
        Assert.That(files, Does.Contain("-rw-r--r-- root:root /usr/share/man/man1/sysmedic.1.gz\n"));
        Assert.That(files, Does.Contain("drwxr-x--- root:root /var/lib/sysmedic\n").And.Contain("drwxr-x--- root:root /var/log/sysmedic\n"));
        foreach (string unit in UnitNames())
        {
            Assert.That(files, Does.Contain($"-rw-r--r-- root:root /usr/lib/systemd/system/{unit}\n"));
        }
    }

    [Test]
    public void Marks_the_manual_page_as_documentation()
    {
        // rpm --excludedocs and minimal images leave documentation out: the manual page is such a file.
        Assert.That(Query("--docfiles").Split('\n'), Does.Contain("/usr/share/man/man1/sysmedic.1.gz"));
    }

    [Test]
    public void Never_replaces_an_edited_configuration()
    {
        Assert.That(Query("--configfiles").Trim(), Is.EqualTo("/etc/sysmedic/config.yaml"));
        Assert.That(Query("--qf", "[%{FILEFLAGS:fflags} %{FILENAMES}\n]"), Does.Contain("cn /etc/sysmedic/config.yaml\n"));
    }

    [Test]
    public void Makes_the_group_before_install_and_stops_units_only_on_erase()
    {
        string scripts = Query("--scripts");
        Assert.That(scripts, Does.Contain("getent group sysmedic >/dev/null || groupadd -r sysmedic"));
        Assert.That(scripts, Does.Contain("getent passwd sysmedic-relay >/dev/null || useradd -r -g sysmedic-relay"));
        Assert.That(scripts, Does.Contain("chmod 0750 /var/lib/sysmedic /var/log/sysmedic"), "a directory an earlier run made 0755 is closed too");
        Assert.That(scripts, Does.Contain($"for unit in {string.Join(' ', UnitNames())}; do"));
        int preun = scripts.IndexOf("preuninstall scriptlet", StringComparison.Ordinal);
        int postun = scripts.IndexOf("postuninstall scriptlet", StringComparison.Ordinal);
        Assert.That(preun, Is.Positive.And.LessThan(postun));
        string erase = scripts[preun..postun];
        Assert.That(erase.IndexOf("if [ \"$1\" -eq 0 ]; then", StringComparison.Ordinal), Is.Positive.And.LessThan(erase.IndexOf("systemctl stop", StringComparison.Ordinal)));
        Assert.That(scripts, Does.Not.Match(@"(?m)^\s*systemctl\s+(--\S+\s+)*(enable|start)\b"));
    }
}
