using SysMedic.Core.Health;
using SysMedic.Core.Sampling;
using SysMedic.Core.Storage;
using static SysMedic.Tests.Sampling.SnapshotFactory;

namespace SysMedic.Tests.Storage;

public class MomentStoreTests
{
    private static readonly DateTimeOffset T = TempDatabase.Start;

    private static MomentHeader Header(DateTimeOffset at, int processes = 300) =>
        new(at, TimeSpan.FromMinutes(1), SystemStatus.Medium, 2_000_000_000, 8_000_000_000, 86_400, 4, processes);

    private static RecordedProcess Recorded(int pid, string user, uint uid, double cpu, string cmdline, char state = 'R') =>
        new(Process(pid, uid, user, cpu, 0, "make") with { Cmdline = cmdline, State = state, Ppid = 1, RssBytes = 200_000_000 }, T.AddHours(-1));

    private static void Check(SysMedicDatabase db, DateTimeOffset at, params RecordedProcess[] processes)
    {
        db.Metrics.WriteCheck(Checks.System(at, cpuAvg: 75), [Checks.User("alice", cpuAvg: 60, pids: [101, 102]), Checks.User("bob", cpuAvg: 5)]);
        db.Moments.Record(Header(at), processes);
    }

    [Test]
    public void A_recorded_moment_comes_back_as_the_snapshot_of_that_check()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        Check(db, T, Recorded(101, "alice", 1000, 48.5, "cc1 -O2 main.c"), Recorded(202, "bob", 1001, 3, "vim notes.txt", RecordedProcess.EndedState));

        RecordedMoment moment = db.Moments.At(T.AddSeconds(30), "build-01")!;

        Assert.That((moment.At, moment.Window, moment.ProcessCount), Is.EqualTo((T, TimeSpan.FromMinutes(1), 300)));
        Snapshot s = moment.Snapshot;
        Assert.That((s.Hostname, s.Status, s.Timestamp), Is.EqualTo(("build-01", SystemStatus.Medium, T)));
        Assert.That((s.System.CpuPercent, s.System.MemoryTotalBytes, s.System.CpuCount, s.System.UptimeSeconds), Is.EqualTo((75.0, 8_000_000_000L, 4, 86_400.0)));
        Assert.That(s.Users.Select(u => (u.Username, u.Uid, u.CpuPercent)), Is.EqualTo(new[] { ("alice", 1000u, 60.0), ("bob", 1001u, 5.0) }));
        Assert.That(s.Users[0].Pids, Is.EqualTo(new[] { 101, 102 }));
        ProcessUsage cc = s.Processes[0];
        Assert.That((cc.Pid, cc.User, cc.Name, cc.Cmdline, cc.CpuPercent, cc.MemoryPercent, cc.RssBytes), Is.EqualTo((101, "alice", "make", "cc1 -O2 main.c", 48.5, 2.5, 200_000_000L / 1024 * 1024)));
        Assert.That(s.Processes[1].State, Is.EqualTo(RecordedProcess.EndedState));
    }

    [Test]
    public void The_moment_at_or_before_the_time_is_chosen_and_none_before_the_first()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        Check(db, T);
        Check(db, T.AddMinutes(1));

        Assert.That(db.Moments.At(T.AddSeconds(59), "h")!.At, Is.EqualTo(T));
        Assert.That(db.Moments.At(T.AddMinutes(1), "h")!.At, Is.EqualTo(T.AddMinutes(1)));
        Assert.That(db.Moments.At(T.AddDays(1), "h")!.At, Is.EqualTo(T.AddMinutes(1)));
        Assert.That(db.Moments.At(T.AddSeconds(-1), "h"), Is.Null);
        Assert.That(db.Moments.First(), Is.EqualTo(T));
    }

    [Test]
    public void Names_command_lines_and_users_are_stored_once()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        for (int i = 0; i < 5; i++)
        {
            Check(db, T.AddMinutes(i), Recorded(101, "alice", 1000, 40, "cc1 -O2 main.c"), Recorded(102, "alice", 1000, 30, "cc1 -O2 util.c"));
        }

        Assert.That(temp.Sql("SELECT count(*) FROM moments"), Is.EqualTo(5L));
        Assert.That(temp.Sql("SELECT count(*) FROM process_text"), Is.EqualTo(4L), "alice, make and two command lines");
        using var reopened = temp.Open();
        reopened.Moments.Record(Header(T.AddMinutes(9)), [Recorded(101, "alice", 1000, 40, "cc1 -O2 main.c")]);
        Assert.That(temp.Sql("SELECT count(*) FROM process_text"), Is.EqualTo(4L), "found again by another connection");
    }

    [Test]
    public void A_failed_write_leaves_no_reference_to_text_that_was_not_stored()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        temp.Sql("CREATE TRIGGER fail BEFORE INSERT ON moments WHEN NEW.timestamp = " + UnixTime.ToSeconds(T.AddMinutes(1)) + " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
        Check(db, T);
        Assert.Throws<StorageException>(() => db.Moments.Record(Header(T.AddMinutes(1)), [Recorded(7, "carol", 1002, 90, "stress-ng --cpu 4")]));
        db.Moments.Record(Header(T.AddMinutes(2)), [Recorded(7, "carol", 1002, 90, "stress-ng --cpu 4")]);

        ProcessUsage stress = db.Moments.At(T.AddMinutes(2), "h")!.Snapshot.Processes.Single();
        Assert.That((stress.User, stress.Cmdline), Is.EqualTo(("carol", "stress-ng --cpu 4")));
    }

    [Test]
    public void Retention_removes_old_moments_and_the_text_only_they_used()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        Check(db, T, Recorded(101, "alice", 1000, 40, "old job"));
        temp.Time.Advance(TimeSpan.FromDays(40));
        Check(db, T.AddDays(40), Recorded(101, "alice", 1000, 40, "new job"));

        RetentionResult result = db.Maintenance.Cleanup(retentionDays: 30);

        Assert.That(db.Moments.First(), Is.EqualTo(T.AddDays(40)));
        Assert.That(temp.Sql("SELECT group_concat(text, ',') FROM (SELECT text FROM process_text ORDER BY text)"), Is.EqualTo("alice,make,new job"));
        Assert.That(result.ProcessRows, Is.EqualTo(2), "one moment and one text");
    }

    [Test]
    public void The_process_list_codec_round_trips_and_stops_at_damage()
    {
        ProcessListCodec.Entry[] entries =
        [
            new(4_194_303, 1, 65534, 3, 4, 5, 'R', 10_000, 64L << 30 >> 10, 1024, 90 * 86_400),
            new(7, 0, 0, 1, 2, 700_000, RecordedProcess.EndedState, 0, 0, 1, 0),
        ];
        byte[] encoded = ProcessListCodec.Encode(entries);

        Assert.That(ProcessListCodec.Decode(encoded), Is.EqualTo(entries.OrderBy(e => e.Pid)));
        Assert.That(encoded, Has.Length.LessThan(40), "two processes in a few bytes each");
        Assert.That(ProcessListCodec.Decode(encoded.AsSpan(0, encoded.Length - 3)).Select(e => e.Pid), Is.EqualTo(new[] { 7 }), "a cut value gives what it holds");
        Assert.That(ProcessListCodec.Decode([9, 1, 2]), Is.Empty, "an unknown format gives nothing");
    }
}
