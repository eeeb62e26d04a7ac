namespace SysMedic.Bench.Usage;

/// <summary>
/// Measures how much of a user's CPU each accounting method finds when the user runs thousands of short-lived
/// processes, against the truth the kernel reports to the loop that ran them, and prints a Markdown table.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        UsageBenchOptions options;
        try
        {
            options = UsageBenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(UsageBenchOptions.Usage);
            return 2;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            Console.Error.WriteLine("run it as root: the loops run as uids of their own (setpriv) and one is put in a cgroup");
            return 2;
        }

        return new UsageBenchmark(options).Run();
    }
}
