using Microsoft.Extensions.Hosting;

namespace SysMedic.Agent.Delivery;

/// <summary>The doctor's delivery worker as a hosted service of its own, beside the monitoring service.</summary>
public sealed class DeliveryService(DeliveryWorker worker) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}
