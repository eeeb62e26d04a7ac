using SysMedic.Core.Formatting;

namespace SysMedic.Tests.Formatting;

public class SafeTextTests
{
    [TestCase("bash", "bash")]
    [TestCase("a\nb", "a\\nb")]
    [TestCase("evil\u001b[31m", "evil\\e[31m")]
    [TestCase("del\u007f", "del\\x7f")]
    [TestCase("c1\u009b", "c1\\x9b")]
    public void Control_characters_become_visible_escapes(string text, string shown)
    {
        Assert.That(SafeText.ForTerminal(text), Is.EqualTo(shown));
    }

    [TestCase("\\e[31m", "\\\\e[31m")]
    [TestCase("a\\b", "a\\\\b")]
    [TestCase("\\", "\\\\")]
    [TestCase("x\n\\n", "x\\n\\\\n")]
    public void A_backslash_is_escaped_so_a_literal_escape_sequence_cannot_pass_for_a_control_character(string text, string shown)
    {
        Assert.That(SafeText.ForTerminal(text), Is.EqualTo(shown));
    }

    [Test]
    public void A_real_escape_and_a_typed_backslash_e_look_different()
    {
        Assert.That(SafeText.ForTerminal("\u001b"), Is.Not.EqualTo(SafeText.ForTerminal("\\e")));
    }
}
