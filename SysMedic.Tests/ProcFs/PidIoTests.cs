using System.Text;
using SysMedic.Core.ProcFs;

namespace SysMedic.Tests.ProcFs;

public class PidIoTests
{
    [Test]
    public void Reads_the_storage_bytes_not_the_characters_passed_to_read_and_write()
    {
        Assert.That(PidIo.TryParse(FixturePaths.ProcFile("t1", "100/io"), out PidIo io), Is.True);
        Assert.That(io, Is.EqualTo(new PidIo(1_800_000, 900_000, 0)));
    }

    [TestCase("rchar: 1\nwchar: 2\n", TestName = "A file without read_bytes and write_bytes is refused")]
    [TestCase("rchar: 1\nread_bytes: many\nwrite_bytes: 0\n", TestName = "A count that is not a number is refused")]
    [TestCase("read_bytes: 4096\n", TestName = "A file without write_bytes is refused")]
    public void Malformed(string text) => Assert.That(PidIo.TryParse(Encoding.ASCII.GetBytes(text), out _), Is.False);
}
