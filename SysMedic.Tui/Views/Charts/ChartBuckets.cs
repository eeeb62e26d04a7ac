namespace SysMedic.Tui.Views.Charts;

/// <summary>Turns timed points into one value per chart column: the average of the points in each time slice.</summary>
public static class ChartBuckets
{
    /// <summary>
    /// Splits the <paramref name="window"/> ending at <paramref name="now"/> into <paramref name="columns"/> slices
    /// and averages the points of each; a slice without points is NaN. <paramref name="points"/> are oldest first.
    /// </summary>
    public static double[] Average<T>(IReadOnlyList<T> points, Func<T, DateTimeOffset> time, Func<T, double> value, DateTimeOffset now, TimeSpan window, int columns)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(value);
        var result = new double[Math.Max(0, columns)];
        if (columns <= 0)
        {
            return result;
        }

        var sums = new double[columns];
        var counts = new int[columns];
        DateTimeOffset start = now.UtcTicks - DateTimeOffset.MinValue.UtcTicks < window.Ticks ? DateTimeOffset.MinValue : now - window;
        double slice = window.TotalSeconds / columns;
        foreach (T p in points)
        {
            double age = (time(p) - start).TotalSeconds;
            if (age < 0 || age > window.TotalSeconds)
            {
                continue;
            }

            int column = Math.Min(columns - 1, (int)(age / slice));
            sums[column] += value(p);
            counts[column]++;
        }

        for (int i = 0; i < columns; i++)
        {
            result[i] = counts[i] == 0 ? double.NaN : sums[i] / counts[i];
        }

        return result;
    }
}
