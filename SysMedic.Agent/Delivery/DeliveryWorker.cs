using Microsoft.Extensions.Logging;
using SysMedic.Core.Config;
using SysMedic.Core.Storage;

namespace SysMedic.Agent.Delivery;

/// <summary>
/// Sends the outbox beside the monitoring loop, on its own database connection, so nothing the loop does waits on a
/// mail server or a webhook: a stalled server delays mail, never sampling. It runs once storage is ready (the loop
/// calls <see cref="Wake"/> after opening the database), then whenever the loop queues something and when the next
/// retry is due; the first pass tries everything a previous run left queued.
/// </summary>
public sealed partial class DeliveryWorker : IDisposable
{
    /// <summary>The longest sleep between two looks at the outbox (a reload may have switched email back on).</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(1);

    private readonly string _databasePath;
    private readonly Func<SysMedicConfig> _config;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly OutboxDispatcher _dispatcher;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private bool _storageFailing;

    /// <summary>A worker for the outbox of the database at <paramref name="databasePath"/>, with the configuration <paramref name="config"/> returns at each pass.</summary>
    public DeliveryWorker(string databasePath, Func<SysMedicConfig> config, ILogger logger, TimeProvider time, OutboxDispatcher? dispatcher = null)
    {
        _databasePath = databasePath;
        _config = config;
        _logger = logger;
        _time = time;
        _dispatcher = dispatcher ?? new OutboxDispatcher(logger, time);
    }

    /// <summary>Passes the worker has finished (for tests and status).</summary>
    public int Passes { get; private set; }

    /// <summary>Something was queued, or storage became ready: look at the outbox now. Any thread; never blocks.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one pass serves both.
        }
    }

    /// <summary>Delivers until <paramref name="stop"/>; what is in flight then stays queued for the next start.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        SysMedicDatabase? db = null;
        bool first = true;
        try
        {
            // Storage is the loop's to open first (it creates, upgrades or sets aside a corrupt file).
            await WaitAsync(Timeout.InfiniteTimeSpan, stop).ConfigureAwait(false);
            while (!stop.IsCancellationRequested)
            {
                TimeSpan wait = LongestWait;
                db ??= TryOpen();
                if (db is not null)
                {
                    try
                    {
                        DeliveryPass pass = await _dispatcher.DeliverDueAsync(db.Outbox, _config(), stop, all: first).ConfigureAwait(false);
                        first = false;
                        StorageWorks();
                        if (pass.NextAttemptAt is { } next)
                        {
                            TimeSpan until = next - _time.GetUtcNow();
                            wait = until <= TimeSpan.Zero ? TimeSpan.Zero : until < LongestWait ? until : LongestWait;
                        }
                    }
                    catch (StorageException ex)
                    {
                        StorageFails(ex.Message);
                    }

                    Passes++;
                }

                await WaitAsync(wait, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: the rest stays queued for the next start.
        }
        finally
        {
            db?.Dispose();
        }
    }

    public void Dispose()
    {
        _dispatcher.Dispose();
        _wake.Dispose();
    }

    private SysMedicDatabase? TryOpen()
    {
        if (!File.Exists(_databasePath))
        {
            return null;
        }

        try
        {
            return SysMedicDatabase.Open(_databasePath, _time, _logger, new StorageOptions { QuickCheck = false, QuarantineCorrupt = false });
        }
        catch (StorageException ex)
        {
            StorageFails(ex.Message);
            return null;
        }
    }

    // Waits for a wake-up or until wait has passed on the worker's clock, whichever comes first.
    private async Task WaitAsync(TimeSpan wait, CancellationToken stop)
    {
        if (wait == TimeSpan.Zero)
        {
            return;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Task woken = _wake.WaitAsync(either.Token);
        Task timer = wait == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, either.Token) : Task.Delay(wait, _time, either.Token);
        await Task.WhenAny(woken, timer).ConfigureAwait(false);
        await either.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(woken, timer).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.ThrowIfCancellationRequested();
    }

    private void StorageFails(string reason)
    {
        if (!_storageFailing)
        {
            _storageFailing = true;
            LogStorageFailing(reason);
        }
    }

    private void StorageWorks()
    {
        if (_storageFailing)
        {
            _storageFailing = false;
            LogStorageWorks();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "delivery: the outbox cannot be read or updated: {Reason}; mail and webhooks wait until it can")]
    private partial void LogStorageFailing(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "delivery: the outbox can be used again")]
    private partial void LogStorageWorks();
}
