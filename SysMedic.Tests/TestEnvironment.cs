using System.Runtime.CompilerServices;

namespace SysMedic.Tests;

internal static class TestEnvironment
{
    /// <summary>Terminal.Gui keeps its screen in memory instead of painting the developer's terminal.</summary>
    [ModuleInitializer]
    internal static void Init() => Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
}
