using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Sampling;

public class IoReadBudgetTests
{
    // One pass over pids 1..n all due for a read: the pids read in the scan, then those read after it.
    private static List<int> Pass(IoReadBudget budget, int n)
    {
        var read = new List<int>();
        budget.Start(n);
        for (int pid = 1; pid <= n; pid++)
        {
            if (budget.Take(pid, pid - 1))
            {
                read.Add(pid);
            }
        }

        foreach (int index in budget.Deferred)
        {
            if (budget.TakeDeferred(index + 1))
            {
                read.Add(index + 1);
            }
        }

        budget.End();
        return read;
    }

    [Test]
    public void A_pass_reads_a_tenth_of_the_processes_and_at_least_32()
    {
        Assert.That(Pass(new IoReadBudget(), 2000), Has.Count.EqualTo(200));
        Assert.That(Pass(new IoReadBudget(), 100), Has.Count.EqualTo(32));
        Assert.That(Pass(new IoReadBudget(), 20), Has.Count.EqualTo(20));
    }

    [Test]
    public void Processes_put_off_are_read_in_turn_so_each_is_read_before_any_twice()
    {
        var budget = new IoReadBudget();
        var order = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            order.AddRange(Pass(budget, 100));
        }

        Assert.That(order.Take(100), Is.EquivalentTo(Enumerable.Range(1, 100)), "all 100 read in the first 4 passes of 32");
        Assert.That(order.Skip(32).Take(32), Is.EqualTo(Enumerable.Range(33, 32)), "the second pass starts after the first one's last");
        Assert.That(order.Skip(96).Take(8), Is.EqualTo(new[] { 97, 98, 99, 100, 1, 2, 3, 4 }), "and wraps round");
    }

    [Test]
    public void When_every_process_was_read_the_next_pass_starts_from_the_first()
    {
        var budget = new IoReadBudget();
        _ = Pass(budget, 20);
        Assert.That(Pass(budget, 20).First(), Is.EqualTo(1));
    }
}
