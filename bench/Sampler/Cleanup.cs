namespace SysMedic.Bench.Sampler;

/// <summary>
/// What the run must undo (processes it started, users it created), undone in reverse order exactly once, from
/// whichever comes first: the end of Main, Ctrl+C or process exit.
/// </summary>
internal sealed class Cleanup : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Stack<IDisposable> _items = new();

    /// <summary>Registers <paramref name="item"/> to be disposed at the end of the run; returns it.</summary>
    public T Add<T>(T item)
        where T : IDisposable
    {
        lock (_lock)
        {
            _items.Push(item);
        }

        return item;
    }

    /// <summary>Disposes <paramref name="item"/> now, if it is still registered.</summary>
    public void Release(IDisposable item)
    {
        lock (_lock)
        {
            if (!_items.Contains(item))
            {
                return;
            }

            var rest = _items.Where(i => !ReferenceEquals(i, item)).Reverse().ToList();
            _items.Clear();
            rest.ForEach(_items.Push);
            item.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            while (_items.TryPop(out IDisposable? item))
            {
                try
                {
                    item.Dispose();
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    Console.Error.WriteLine($"cleanup: {ex.Message}");
                }
            }
        }
    }
}
