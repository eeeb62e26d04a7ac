using System.Runtime.CompilerServices;
using Terminal.Gui.Configuration;

namespace SysMedic.Tui.Bootstrap;

/// <summary>
/// Terminal.Gui's configuration (defaults, themes, key bindings), applied when the console starts. Terminal.Gui applies
/// it from a module initializer, which Native AOT would run at the start of every command; the published binary leaves
/// that initializer empty (<c>TerminalGui.Substitutions.xml</c>), so only the console pays for it.
/// </summary>
public static class TerminalGuiConfiguration
{
    private static int _applied;

    /// <summary>Applies the configuration once, as Terminal.Gui's initializer does: a failure leaves the defaults.</summary>
    public static void EnsureApplied()
    {
        // Under the JIT the module initializer has run already (the file above applies only to the native publish).
        if (RuntimeFeature.IsDynamicCodeSupported || Interlocked.Exchange(ref _applied, 1) == 1)
        {
            return;
        }

        try
        {
            TuiConfigurationBuilder.Shared.ApplyToStaticFacades();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // As Terminal.Gui's initializer does: bad configuration is not fatal, the console runs on the defaults.
        }
    }
}
