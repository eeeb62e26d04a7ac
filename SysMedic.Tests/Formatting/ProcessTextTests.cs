using SysMedic.Core.Formatting;

namespace SysMedic.Tests.Formatting;

public class ProcessTextTests
{
    [Test]
    public void A_process_with_a_command_line_shows_it()
    {
        Assert.That(ProcessText.Command("/usr/bin/python3 app.py", "python3"), Is.EqualTo("/usr/bin/python3 app.py"));
    }

    [Test]
    public void A_process_without_a_command_line_shows_its_name_in_brackets_as_ps_does()
    {
        Assert.That(ProcessText.Command("", "kworker/1:0H"), Is.EqualTo("[kworker/1:0H]"));
    }

    [Test]
    public void An_empty_name_is_shown_distinctly_from_a_kernel_thread_in_brackets()
    {
        Assert.That(ProcessText.Name(""), Is.EqualTo(ProcessText.NoName));
        Assert.That(ProcessText.Command("", ""), Is.EqualTo(ProcessText.NoName));
        Assert.That(ProcessText.NoName, Does.Not.StartWith("["));
    }

    [Test]
    public void Names_and_commands_are_made_safe_for_a_terminal()
    {
        Assert.That(ProcessText.Name("a\u001bb"), Is.EqualTo("a\\eb"));
        Assert.That(ProcessText.Command("", "x\\e"), Is.EqualTo("[x\\\\e]"));
    }
}
