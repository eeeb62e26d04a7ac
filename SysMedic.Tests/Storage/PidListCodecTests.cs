using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class PidListCodecTests
{
    [Test]
    public void Pids_round_trip_in_ascending_order()
    {
        int[] pids = [99, 1, 4_194_304, 128, 127];

        byte[]? encoded = PidListCodec.Encode(pids);

        Assert.That(PidListCodec.Decode(encoded), Is.EqualTo(new[] { 1, 99, 127, 128, 4_194_304 }));
    }

    [Test]
    public void Only_the_first_pids_given_are_kept()
    {
        int[] pids = Enumerable.Range(1, 20).Select(i => 1000 - i).ToArray();

        var decoded = PidListCodec.Decode(PidListCodec.Encode(pids));

        Assert.That(decoded, Has.Count.EqualTo(PidListCodec.MaxStoredPids));
        Assert.That(decoded, Is.EqualTo(pids.Take(PidListCodec.MaxStoredPids).Order()));
    }

    [Test]
    public void No_pids_is_stored_as_null()
    {
        Assert.That(PidListCodec.Encode([]), Is.Null);
        Assert.That(PidListCodec.Decode([]), Is.Empty);
    }
}
