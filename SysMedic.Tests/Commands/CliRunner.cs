using SysMedic.Tui.Commands;

namespace SysMedic.Tests.Commands;

/// <summary>Runs the sysmedic command line in-process and keeps what it printed.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = SysMedicCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
