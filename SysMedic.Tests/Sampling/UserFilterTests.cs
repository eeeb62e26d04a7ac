using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Sampling;

public class UserFilterTests
{
    private static readonly UserFilter Rules = UserFilter.Default;

    [Test]
    public void Lists_a_real_user_above_either_minimum()
    {
        Assert.That(Rules.Includes(1000, "alice", 5.0, 0), Is.True);
        Assert.That(Rules.Includes(1000, "alice", 0, 5.0), Is.True);
        Assert.That(Rules.Includes(1000, "alice", 4.9, 4.9), Is.False);
    }

    [Test]
    public void Leaves_out_system_accounts_and_nobody_while_asked_to()
    {
        Assert.That(Rules.Includes(999, "postgres", 50, 50), Is.False);
        Assert.That(Rules.Includes(UserFilter.NobodyUid, "nobody", 50, 50), Is.False);
        Assert.That((Rules with { IgnoreSystemUsers = false }).Includes(999, "postgres", 50, 50), Is.True);
    }

    [Test]
    public void Leaves_out_excluded_users_whatever_their_usage() =>
        Assert.That((Rules with { IgnoreSystemUsers = false }).Includes(0, "root", 99, 99), Is.False);

    [Test]
    public void None_lists_everyone() => Assert.That(UserFilter.None.Includes(0, "root", 0, 0), Is.True);
}
