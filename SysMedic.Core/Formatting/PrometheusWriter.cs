using System.Globalization;
using System.Text;

namespace SysMedic.Core.Formatting;

/// <summary>
/// Prometheus text exposition (format 0.0.4): a <c># HELP</c> and <c># TYPE</c> line per metric family, then its
/// samples. Label values are escaped (backslash, double quote, newline); values use invariant culture, with
/// <c>NaN</c> and <c>+Inf</c>/<c>-Inf</c> as Prometheus spells them.
/// </summary>
public sealed class PrometheusWriter
{
    /// <summary>The content type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = [];

    /// <summary>Starts a metric family; each name once.</summary>
    public PrometheusWriter Family(string name, string type, string help)
    {
        if (!_families.Add(name))
        {
            throw new InvalidOperationException($"metric family {name} written twice");
        }

        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    /// <summary>One sample of the current family, with labels as name/value pairs.</summary>
    public PrometheusWriter Sample(string name, double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (int i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                _text.Append(labels[i].Name).Append("=\"");
                AppendLabelValue(labels[i].Value);
                _text.Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(FormatValue(value)).Append('\n');
        return this;
    }

    /// <summary>A family with one unlabelled gauge sample.</summary>
    public PrometheusWriter Gauge(string name, string help, double value) => Family(name, "gauge", help).Sample(name, value);

    /// <summary>The exposition so far.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>A sample value as Prometheus writes it.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void AppendLabelValue(string value)
    {
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\':
                    _text.Append("\\\\");
                    break;
                case '"':
                    _text.Append("\\\"");
                    break;
                case '\n':
                    _text.Append("\\n");
                    break;
                default:
                    _text.Append(c);
                    break;
            }
        }
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
