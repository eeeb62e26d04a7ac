using System.IO.Compression;
using System.Text.RegularExpressions;
using static SysMedic.Tests.Packaging.PackagingTools;

namespace SysMedic.Tests.Packaging;

/// <summary>packaging/build.sh makes a real .deb (from the app host built beside the tests: no AOT publish here).</summary>
public class DebianPackageTests
{
    private string _dir = "";
    private string _deb = "";
    private string _dpkgDeb = "";

    [OneTimeSetUp]
    public void Build()
    {
        _dpkgDeb = Require("dpkg-deb", "dpkg");
        _dir = Directory.CreateTempSubdirectory("sysmedic-deb-").FullName;
        Succeed("/bin/bash", RepoFile("packaging", "build.sh"), "--binary", BuiltBinary(), "--out", _dir, "--no-rpm");
        _deb = Directory.GetFiles(_dir, "*.deb").Single();
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (_dir.Length > 0)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static string Version() =>
        Regex.Match(File.ReadAllText(RepoFile("Directory.Build.props")), "<Version>([^<]+)</Version>").Groups[1].Value;

    /// <summary>The archive's entries: path (without ./) to "mode owner".</summary>
    private Dictionary<string, string> Contents() =>
        Succeed(_dpkgDeb, "-c", _deb).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(f => f[^1].TrimStart('.').TrimStart('/').TrimEnd('/'), f => $"{f[0]} {f[1]}");

    private string ControlFile(string name)
    {
        string dir = Path.Combine(_dir, "control");
        if (!Directory.Exists(dir))
        {
            Succeed(_dpkgDeb, "-e", _deb, dir);
        }

        return File.ReadAllText(Path.Combine(dir, name));
    }

    /// <summary>The package's files unpacked (dpkg-deb -x), once.</summary>
    private string Extracted()
    {
        string root = Path.Combine(_dir, "root");
        if (!Directory.Exists(root))
        {
            Succeed(_dpkgDeb, "-x", _deb, root);
        }

        return root;
    }

    [Test]
    public void Installs_the_binary_config_units_and_tmpfiles_entry_owned_by_root()
    {
        Dictionary<string, string> files = Contents();
        Assert.That(files["usr/bin/sysmedic"], Is.EqualTo("-rwxr-xr-x root/root"));
        Assert.That(files["etc/sysmedic/config.yaml"], Is.EqualTo("-rw-r--r-- root/root"));
        Assert.That(files["usr/lib/tmpfiles.d/sysmedic.conf"], Is.EqualTo("-rw-r--r-- root/root"));
        Assert.That(files["usr/share/man/man1/sysmedic.1.gz"], Is.EqualTo("-rw-r--r-- root/root"));
        Assert.That(files, Does.ContainKey("usr/share/doc/sysmedic/copyright").And.ContainKey("usr/share/doc/sysmedic/changelog.Debian.gz"));
        foreach (string unit in UnitNames())
        {
            Assert.That(files, Does.ContainKey($"usr/lib/systemd/system/{unit}"), unit);
        }

        Assert.That(files.Values, Has.All.Match("^[-d]r.+ root/root$"));
    }

    [Test]
    public void Leaves_history_and_logs_to_the_maintainer_scripts()
    {
        // Shipped directories would be removed with the package; the postinst makes them and only purge deletes them.
        Assert.That(Contents().Keys, Has.None.StartsWith("var/"));
    }

    [Test]
    public void Names_the_version_architecture_and_what_it_needs()
    {
        string fields = Succeed(_dpkgDeb, "-f", _deb, "Package", "Version", "Architecture", "Depends");
        Assert.That(fields, Does.Contain("Package: sysmedic\n").And.Contain($"Version: {Version()}-1\n").And.Contain("Architecture: amd64\n"));
        Assert.That(fields, Does.Match(@"Depends: libc6 \(>= 2\.\d+\), adduser\n"));
        Assert.That(Succeed(_dpkgDeb, "-I", _deb), Does.Contain(" postinst ").And.Contain(" prerm ").And.Contain(" postrm ").And.Contain(" conffiles "));
    }

    [Test]
    public void Keeps_the_configuration_as_a_conffile_holding_the_documented_default()
    {
        Assert.That(ControlFile("conffiles"), Is.EqualTo("/etc/sysmedic/config.yaml\n"));
        Assert.That(File.ReadAllText(Path.Combine(Extracted(), "etc", "sysmedic", "config.yaml")), Is.EqualTo(File.ReadAllText(RepoFile("assets", "config.yaml"))));
    }

    [Test]
    public void Ships_the_manual_page_gzip_compressed_without_name_or_time()
    {
        byte[] gz = File.ReadAllBytes(Path.Combine(Extracted(), "usr", "share", "man", "man1", "sysmedic.1.gz"));
        Assert.That(gz[..3], Is.EqualTo(new byte[] { 0x1f, 0x8b, 8 }), "gzip magic and deflate");
        Assert.That(gz[3] & 0x08, Is.Zero, "no file name in the header (gzip -n)");
        Assert.That(gz[4..8], Is.All.Zero, "no time stamp in the header (gzip -n)");
        Assert.That(gz[8], Is.EqualTo(2), "maximum compression (gzip -9)");
        using var unzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var text = new StreamReader(unzip);
        Assert.That(text.ReadToEnd(), Is.EqualTo(File.ReadAllText(RepoFile("packaging", "man", "sysmedic.1"))));
    }

    [Test]
    public void The_installed_manual_page_renders_with_man()
    {
        string man = Require("man", "man-db");
        var (code, output) = Run(man, "--warnings", "-P", "cat", "-l", Path.Combine(Extracted(), "usr", "share", "man", "man1", "sysmedic.1.gz"));
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Match(@"(?m)^NAME\n\s+sysmedic\s+\S+\s+per\S+user\s+monitoring\s+console"));
        Assert.That(output, Does.Not.Match(@"(?m)^(man|troff|groff|grotty|tbl|gzip)\S*: "), "a complaint on standard error");
    }

    [TestCase("postinst")]
    [TestCase("prerm")]
    [TestCase("postrm")]
    public void Maintainer_script_is_valid_sh_and_names_every_unit(string script)
    {
        string text = ControlFile(script);
        Assert.That(text, Does.StartWith("#!/bin/sh\n").And.Contain("\nset -eu\n").And.Not.Contain("@UNITS@"));
        Succeed("/bin/sh", "-n", Path.Combine(_dir, "control", script));
        Assert.That(text, Does.Contain($"units=\"{string.Join(' ', UnitNames())}\""));
    }

    [Test]
    public void Postinst_makes_the_group_and_private_directories_and_enables_nothing()
    {
        string text = ControlFile("postinst");
        Assert.That(text, Does.Contain("addgroup --system --quiet sysmedic"));
        Assert.That(text, Does.Contain("adduser --system --ingroup sysmedic-relay").And.Contain("chgrp sysmedic-relay /etc/sysmedic/config.yaml"));
        Assert.That(text, Does.Contain("install -d -m 0750 -o root -g root \"$dir\"").And.Contain("/var/lib/sysmedic /var/log/sysmedic"));
        Assert.That(text, Does.Contain("chmod 0750 \"$dir\""), "a directory an earlier run made 0755 is closed too");
        Assert.That(text, Does.Not.Match(@"(?m)^\s*(systemctl|deb-systemd-helper|deb-systemd-invoke)\s+(enable|start)\b"), "postinst may only suggest enabling");
    }

    [Test]
    public void Only_purge_deletes_history_logs_and_configuration()
    {
        string text = ControlFile("postrm");
        int purge = text.IndexOf("  purge)", StringComparison.Ordinal);
        int remove = text.IndexOf("  remove)", StringComparison.Ordinal);
        int delete = text.IndexOf("rm -rf /var/lib/sysmedic", StringComparison.Ordinal);
        Assert.That(purge, Is.Positive);
        Assert.That(delete, Is.GreaterThan(purge).And.LessThan(remove), "the rm -rf must sit in the purge branch");
    }

    [Test]
    public void Installs_upgrades_removes_and_purges_in_a_throwaway_root()
    {
        string next = Path.Combine(_dir, "next");
        Succeed("/bin/bash", RepoFile("packaging", "build.sh"), "--binary", BuiltBinary(), "--out", next, "--no-rpm", "--release", "2");
        string first = Path.GetFileName(_deb);
        string second = Path.GetFileName(Directory.GetFiles(next, "*.deb").Single());
        // The copy starts without the host's own directories, then has them as a run by hand leaves them (umask 022).
        string script = $$"""
            rm -rf /var/lib/sysmedic /var/log/sysmedic /var/log/sysmedic-relay /etc/sysmedic
            install -d -m 0755 /var/lib/sysmedic /var/log/sysmedic
            dpkg -i /tmp/{{first}} >/dev/null
            echo "group: $(getent group sysmedic | cut -d: -f1)"
            echo "relay user: $(getent passwd sysmedic-relay | cut -d: -f1,7) in $(id -gn sysmedic-relay)"
            stat -c 'mode %n %a %U:%G' /usr/bin/sysmedic /etc/sysmedic/config.yaml /var/lib/sysmedic /var/log/sysmedic /run/sysmedic
            ls /etc/systemd/system/*.wants/ 2>/dev/null | grep -c sysmedic | sed 's/^/enabled units: /' || true
            echo '# changed here' >>/etc/sysmedic/config.yaml
            echo rows >/var/lib/sysmedic/sysmedic.db
            dpkg -i /tmp/{{second}} >/dev/null
            echo "upgraded to $(dpkg-query -W -f '${Version}' sysmedic): config $(tail -n 1 /etc/sysmedic/config.yaml), db $(cat /var/lib/sysmedic/sysmedic.db)"
            stat -c 'after the upgrade %n %a %U:%G' /etc/sysmedic/config.yaml
            install -d -m 0750 /var/log/sysmedic-relay
            dpkg -r sysmedic >/dev/null
            echo "removed: binary $(test -e /usr/bin/sysmedic && echo left || echo gone), db $(cat /var/lib/sysmedic/sysmedic.db), config $(test -f /etc/sysmedic/config.yaml && echo kept)"
            dpkg -P sysmedic >/dev/null
            for d in /var/lib/sysmedic /var/log/sysmedic /var/log/sysmedic-relay /etc/sysmedic; do if test -e "$d"; then echo "purge left $d"; fi; done
            echo "purged; group $(getent group sysmedic | cut -d: -f1)"
            """;
        var (code, output) = Run(RepoFile("SysMedic.Tests", "Packaging", "throwaway-root.sh"), script, _deb, Path.Combine(next, second));
        if (code == 77)
        {
            Assert.Ignore(output.Trim());
        }

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("group: sysmedic\n"));
        Assert.That(output, Does.Contain("relay user: sysmedic-relay:/usr/sbin/nologin in sysmedic-relay\n"));
        Assert.That(output, Does.Contain("mode /usr/bin/sysmedic 755 root:root\n").And.Contain("mode /etc/sysmedic/config.yaml 640 root:sysmedic-relay\n"));
        Assert.That(output, Does.Contain("after the upgrade /etc/sysmedic/config.yaml 640 root:sysmedic-relay\n"));
        Assert.That(output, Does.Contain("mode /var/lib/sysmedic 750 root:root\n").And.Contain("mode /var/log/sysmedic 750 root:root\n"));
        Assert.That(output, Does.Contain("mode /run/sysmedic 755 root:root\n"));
        Assert.That(output, Does.Contain("enabled units: 0\n"));
        Assert.That(output, Does.Contain($"upgraded to {Version()}-2: config # changed here, db rows\n"));
        Assert.That(output, Does.Contain("removed: binary gone, db rows, config kept\n"));
        Assert.That(output, Does.Not.Contain("purge left").And.Contain("purged; group sysmedic\n"));
    }
}
