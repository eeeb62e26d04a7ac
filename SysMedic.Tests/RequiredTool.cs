namespace SysMedic.Tests;

/// <summary>
/// A test that needs a program this machine lacks is skipped with the reason, unless the machine is meant to have it:
/// .ci/run sets SYSMEDIC_REQUIRE_TOOLS=1 once .ci/setup has installed them, and there a missing program fails the test.
/// </summary>
internal static class RequiredTool
{
    /// <summary>Skips the running test with <paramref name="reason"/>, or fails it under SYSMEDIC_REQUIRE_TOOLS=1.</summary>
    public static void Missing(string reason)
    {
        if (Environment.GetEnvironmentVariable("SYSMEDIC_REQUIRE_TOOLS") == "1")
        {
            Assert.Fail($"{reason}; SYSMEDIC_REQUIRE_TOOLS=1 says this machine has it");
        }

        Assert.Ignore(reason);
    }
}
