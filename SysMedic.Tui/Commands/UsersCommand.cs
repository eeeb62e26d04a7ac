using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SysMedic.Agent.Doctor;
using SysMedic.Core.Config;
using SysMedic.Core.Formatting;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;
using SysMedic.Core.Storage;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic users [--json]</c>: per-user usage over one second now, and the users over a threshold.</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        Option<bool> json = CliOptions.Json();
        var command = new Command("users", "Per-user usage now, and users over their threshold (persistent or on their way)");
        command.Options.Add(json);
        command.SetAction(parsed =>
        {
            SysMedicConfig config = CliConfig.Load(parsed);
            Snapshot now;
            using (var sampler = new Sampler(CliConfig.SamplerOptions(parsed, config)))
            {
                _ = sampler.Sample();
                Thread.Sleep(1000);
                now = sampler.Sample();
            }

            TimeSpan persistentTime = config.UserPersistentTime();
            List<PersistentUserInfo> episodes = ReadEpisodes(config).Select(r => r.ToInfo(persistentTime)).ToList();
            TextWriter o = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(new UsersReport(now.Timestamp, now.Users, episodes), CliJsonContext.Default.UsersReport));
                return SysMedicCli.Ok;
            }

            var c = CultureInfo.InvariantCulture;
            o.WriteLine("USER              UID    CPU%    MEM%        RSS  PROCS  CPU THR  MEM THR");
            var thresholds = config.ToThresholds();
            foreach (UserUsage u in now.Users)
            {
                var t = thresholds.For(u.Username);
                o.WriteLine(string.Create(c, $"{SafeText.ForTerminal(u.Username),-14} {u.Uid,7} {u.CpuPercent,7:0.0} {u.MemoryPercent,7:0.0} {Units.Bytes(u.RssBytes),10} {u.ProcessCount,6} {t.CpuPercent,7:0.#}% {t.MemoryPercent,7:0.#}%"));
            }

            o.WriteLine(string.Create(c, $"({now.Users.Count} users listed by the user_filtering rules)"));
            o.WriteLine();
            if (episodes.Count == 0)
            {
                o.WriteLine("No user is over a threshold (or the doctor has no history yet).");
            }
            else
            {
                o.WriteLine("OVER THRESHOLD    METRIC  SINCE (UTC)       FOR       AVERAGE  PEAK   PERSISTENT");
                foreach (PersistentUserInfo e in episodes)
                {
                    o.WriteLine(string.Create(c, $"{SafeText.ForTerminal(e.Username),-17} {e.Metric,-7} {e.StartTime.UtcDateTime:yyyy-MM-dd HH:mm}  {Units.Duration(now.Timestamp - e.StartTime),-9} {e.AverageUsage,6:0.0}% {e.PeakUsage,5:0.0}%  {(e.Persistent ? "yes" : "not yet")}"));
                }
            }

            return SysMedicCli.Ok;
        });
        return command;
    }

    private static IReadOnlyList<PersistentUserRecord> ReadEpisodes(SysMedicConfig config)
    {
        if (!File.Exists(config.DatabasePath()))
        {
            return [];
        }

        try
        {
            using var db = SysMedicDatabase.Open(config.DatabasePath(), TimeProvider.System, NullLogger.Instance, new StorageOptions { ReadOnly = true, QuickCheck = false, QuarantineCorrupt = false });
            return db.PersistentUsers.LoadOpen();
        }
        catch (StorageException)
        {
            return [];
        }
    }
}
