using System.Text;
using SysMedic.Core.ProcFs;

namespace SysMedic.Tests.ProcFs;

public class PressureTests
{
    private static bool Parse(string text, out Pressure pressure) => Pressure.TryParse(Encoding.ASCII.GetBytes(text), out pressure);

    [Test]
    public void Reads_the_some_and_full_lines_of_a_fixture_file()
    {
        Assert.That(Pressure.TryParse(FixturePaths.ProcFile("t1", "pressure/memory"), out Pressure p), Is.True);
        Assert.That(p.Some, Is.EqualTo(new PressureLine(9.10, 3.20, 1.02, 2_100_000)));
        Assert.That(p.Full, Is.EqualTo(new PressureLine(1.70, 0.52, 0.11, 1_020_000)));
    }

    [Test]
    public void A_cpu_file_without_a_full_line_as_before_linux_5_13_has_a_zero_full_line()
    {
        Assert.That(Parse("some avg10=0.12 avg60=0.05 avg300=0.01 total=123456\n", out Pressure p), Is.True);
        Assert.That(p.Some.TotalMicroseconds, Is.EqualTo(123_456UL));
        Assert.That(p.Full, Is.EqualTo(default(PressureLine)));
    }

    [TestCase("", TestName = "An empty file is refused")]
    [TestCase("full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n", TestName = "A file without its some line is refused")]
    [TestCase("some avg10=lots avg60=0.00 avg300=0.00 total=1\n", TestName = "A value that is not a number is refused")]
    [TestCase("some avg10=0.00 avg60=0.00 avg300=0.00\n", TestName = "A line without its total is refused")]
    [TestCase("some avg60=0.00 avg10=0.00 avg300=0.00 total=1\n", TestName = "Fields out of order are refused")]
    [TestCase("some avg10=-1.00 avg60=0.00 avg300=0.00 total=1\n", TestName = "A negative share is refused")]
    [TestCase("half avg10=0.00 avg60=0.00 avg300=0.00 total=1\n", TestName = "A line that is neither some nor full is refused")]
    public void Malformed(string text) => Assert.That(Parse(text, out _), Is.False);
}
